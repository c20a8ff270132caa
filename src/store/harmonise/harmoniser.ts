import type { Market } from "../../domain/index.js";
import { aliasKey, type CatalogCache } from "./catalog-cache.js";
import { RowRejection } from "./rejection.js";
import { ZoneHours } from "./zone-hours.js";

type MarketInfo = Pick<Market, "id" | "currency" | "timeZone" | "weekEndsOn">;

/**
 * Maps source vocabulary to canonical terms: SKU codes through the alias table, cases to units,
 * money to the market currency at the rate in force on the day. Each failure is a RowRejection
 * naming the field.
 */
export class Harmoniser {
  /** Resolved codes by source: at most one entry per alias or product, so bounded by the catalog. */
  private readonly resolved = new Map<string, Map<string, { sku: string; unitsPerCode: number }>>();

  /** Local stamps to UTC by zone, for this ingest's rows (an hour's offset resolved once). */
  private readonly hours = new Map<string, ZoneHours>();

  constructor(private readonly cat: CatalogCache) {}

  /** The ingest's converter of zone-less local stamps in `zone`. */
  zoneHours(zone: string): ZoneHours {
    let h = this.hours.get(zone);
    if (!h) this.hours.set(zone, (h = new ZoneHours(zone)));
    return h;
  }

  /** Canonical SKU and how many units one counted item of `code` holds (1 unless it is a case code). */
  resolveSku(source: string, code: string, field = "sku"): { sku: string; unitsPerCode: number } {
    let known = this.resolved.get(source);
    const hit = known?.get(code);
    if (hit) return hit;
    const found =
      this.cat.aliases.get(aliasKey(source, code)) ??
      (this.cat.products.has(code) ? { sku: code, unitsPerCode: 1 } : undefined);
    if (!found)
      throw new RowRejection(
        field,
        `unknown SKU '${code}' from source '${source}' (no product and no alias)`,
      );
    if (!known) this.resolved.set(source, (known = new Map()));
    known.set(code, found);
    return found;
  }

  /** Units after applying the alias multiplier and, for case/pack rows, the product's case pack. */
  toUnits(quantity: number, sku: string, unitsPerCode: number, uom: string): number {
    const perCase =
      uom === "case" || uom === "pack" ? (this.cat.products.get(sku)?.casePack ?? 1) : 1;
    return quantity * unitsPerCode * perCase;
  }

  market(id: string, field = "market"): MarketInfo {
    const m = this.cat.markets.get(id);
    if (!m) throw new RowRejection(field, `unknown market '${id}'`);
    return m;
  }

  /** The market a location belongs to; rejects an unknown location or a contradicting market. */
  marketOfLocation(locationId: string, claimedMarket: string | undefined): MarketInfo {
    const loc = this.cat.locations.get(locationId);
    if (!loc) throw new RowRejection("location", `unknown location '${locationId}'`);
    if (claimedMarket !== undefined && claimedMarket !== loc.marketId) {
      throw new RowRejection(
        "market",
        `location '${locationId}' is in market '${loc.marketId}', not '${claimedMarket}'`,
      );
    }
    return this.market(loc.marketId);
  }

  /** The time zone of a known location's market, if the id is a location. */
  zoneOfLocation(id: string): string | undefined {
    const loc = this.cat.locations.get(id);
    return loc ? this.cat.markets.get(loc.marketId)?.timeZone : undefined;
  }

  /** The catalogue's shelf price of a SKU in `currency` on `date`, or undefined when it has none. */
  catalogPrice(sku: string, currency: string, date: string): number | undefined {
    const p = this.cat.products.get(sku);
    if (!p || p.regularPrice === null) return undefined;
    return this.convert(p.regularPrice, p.currency, currency, date, "regular_price");
  }

  hasProduct(sku: string): boolean {
    return this.cat.products.has(sku);
  }

  hasCategory(category: string): boolean {
    return this.cat.categories.has(category);
  }

  /** Converts an amount to `to` at the latest rate dated on or before `date` (direct or inverse pair). */
  convert(amount: number, from: string, to: string, date: string, field = "currency"): number {
    if (from === to) return amount;
    const direct = rateOn(this.cat.fx.get(`${from}>${to}`), date);
    if (direct !== undefined) return amount * direct;
    const inverse = rateOn(this.cat.fx.get(`${to}>${from}`), date);
    if (inverse !== undefined) return amount / inverse;
    throw new RowRejection(field, `no FX rate ${from}→${to} on or before ${date}`);
  }
}

/** Binary search for the last rate dated ≤ date. */
function rateOn(
  rates: { date: string; rate: number }[] | undefined,
  date: string,
): number | undefined {
  if (!rates || rates.length === 0) return undefined;
  let lo = 0;
  let hi = rates.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rates[mid]!.date <= date) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 ? rates[found]!.rate : undefined;
}
