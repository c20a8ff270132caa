import type { Db } from "../db.js";
import type { Market, Weekday } from "../../domain/index.js";

interface ProductInfo {
  sku: string;
  category: string;
  casePack: number;
  /** The catalogue's shelf price in `currency` (null when the catalogue has none). */
  regularPrice: number | null;
  currency: string;
}
interface LocationInfo {
  id: string;
  marketId: string;
}

/**
 * The reference data harmonisation needs, read once per version of it: rows are checked against
 * it millions of times, so it lives in maps rather than in per-row queries. Read-only once built.
 */
export class CatalogCache {
  readonly products = new Map<string, ProductInfo>();
  readonly categories = new Set<string>();
  readonly aliases = new Map<string, { sku: string; unitsPerCode: number }>();
  readonly locations = new Map<string, LocationInfo>();
  readonly markets = new Map<string, Pick<Market, "id" | "currency" | "timeZone" | "weekEndsOn">>();
  /** "FROM>TO" → rates sorted by date. */
  readonly fx = new Map<string, { date: string; rate: number }[]>();

  constructor(db: Db) {
    type Row = {
      sku: string;
      category: string;
      case_pack: number;
      regular_price: number | null;
      currency: string;
    };
    for (const p of db
      .prepare("SELECT sku, category, case_pack, regular_price, currency FROM products")
      .all() as Row[]) {
      this.products.set(p.sku, {
        sku: p.sku,
        category: p.category,
        casePack: p.case_pack,
        regularPrice: p.regular_price,
        currency: p.currency,
      });
      this.categories.add(p.category);
    }
    for (const a of db
      .prepare("SELECT source, code, sku, units_per_code FROM sku_aliases")
      .all() as { source: string; code: string; sku: string; units_per_code: number }[]) {
      this.aliases.set(aliasKey(a.source, a.code), { sku: a.sku, unitsPerCode: a.units_per_code });
    }
    for (const l of db.prepare("SELECT id, market_id FROM locations").all() as {
      id: string;
      market_id: string;
    }[]) {
      this.locations.set(l.id, { id: l.id, marketId: l.market_id });
    }
    for (const m of db
      .prepare("SELECT id, currency, time_zone, week_ends_on FROM markets")
      .all() as { id: string; currency: string; time_zone: string; week_ends_on: Weekday }[]) {
      this.markets.set(m.id, {
        id: m.id,
        currency: m.currency,
        timeZone: m.time_zone,
        weekEndsOn: m.week_ends_on,
      });
    }
    for (const r of db
      .prepare("SELECT date, from_ccy, to_ccy, rate FROM fx_rates ORDER BY date")
      .all() as { date: string; from_ccy: string; to_ccy: string; rate: number }[]) {
      const key = `${r.from_ccy}>${r.to_ccy}`;
      const list = this.fx.get(key) ?? [];
      list.push({ date: r.date, rate: r.rate });
      this.fx.set(key, list);
    }
  }
}

export function aliasKey(source: string, code: string): string {
  return `${source}\u0000${code}`;
}
