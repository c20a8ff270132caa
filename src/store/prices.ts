import { prepared } from "./sql.js";
import type { Db } from "./db.js";

/** A price with its currency; amounts are per unit. */
export interface Money {
  amount: number;
  currency: string;
}

/** Thrown (as a plain Error subclass) when a price or rate is not in the store. */
export class PriceLookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PriceLookupError";
  }
}

/**
 * Converts money at the latest rate dated on or before `asOf` (a direct or an inverse rate from
 * the fx_rates table); the same currency converts 1:1.
 * @example convertMoney(db, { amount: 10, currency: "GBP" }, "EUR", "2026-11-23")
 */
export function convertMoney(db: Db, m: Money, to: string, asOf: string): Money {
  if (m.currency === to) return { ...m };
  const q = db.prepare(
    "SELECT rate FROM fx_rates WHERE from_ccy = ? AND to_ccy = ? AND date <= ? ORDER BY date DESC LIMIT 1",
  );
  const direct = q.get(m.currency, to, asOf) as { rate: number } | undefined;
  if (direct) return { amount: m.amount * direct.rate, currency: to };
  const inverse = q.get(to, m.currency, asOf) as { rate: number } | undefined;
  if (inverse) return { amount: m.amount / inverse.rate, currency: to };
  throw new PriceLookupError(`no ${m.currency}->${to} rate on or before ${asOf} in fx_rates`);
}

/** A market's currency (markets.currency). */
export function marketCurrency(db: Db, market: string): string {
  const r = db.prepare("SELECT currency FROM markets WHERE id = ?").get(market) as
    { currency: string } | undefined;
  if (!r) throw new PriceLookupError(`no market ${market} in the catalog`);
  return r.currency;
}

/**
 * A SKU's shelf price and unit cost in a market's currency, as a proposal states them
 * (`regularPrice`, `predicted.unitCost`).
 */
/** The regular price a SKU last sold at in a market, on or before `day` (null: no such sale). */
export function lastShelfPrice(db: Db, sku: string, marketId: string, day: string): number | null {
  const row = prepared(
    db,
    `SELECT regular_price AS p FROM sales WHERE sku = ? AND market_id = ? AND retail_week <= ?
       AND regular_price IS NOT NULL ORDER BY retail_week DESC, period_end DESC LIMIT 1`,
  ).get(sku, marketId, day) as { p: number } | undefined;
  return row?.p ?? null;
}

export function shelfPrice(
  db: Db,
  sku: string,
  market: string,
  asOf: string,
): { regularPrice: number; unitCost: number | null; currency: string } {
  const p = db
    .prepare("SELECT regular_price, unit_cost, currency FROM products WHERE sku = ?")
    .get(sku) as
    { regular_price: number | null; unit_cost: number | null; currency: string } | undefined;
  if (!p) throw new PriceLookupError(`no product ${sku} in the catalog`);
  if (p.regular_price === null) throw new PriceLookupError(`product ${sku} has no regular price`);
  const currency = marketCurrency(db, market);
  // The shelf price the market last sold at, as the policy reads it; else the catalogue's, converted.
  const local = lastShelfPrice(db, sku, market, asOf.slice(0, 10));
  const catalogue = { amount: p.regular_price, currency: p.currency };
  const regularPrice = local ?? convertMoney(db, catalogue, currency, asOf).amount;
  // Cost keeps the catalogue's cost rate on that shelf price (as the policy and the agents do).
  const unitCost = p.unit_cost === null ? null : (regularPrice * p.unit_cost) / p.regular_price;
  return { regularPrice, unitCost, currency };
}

/** The promoted price and discount, given either one (what a proposal needs; rounded to cents). */
export function promoPricing(
  regularPrice: number,
  by: { promoPrice: number } | { discountPct: number },
): { promoPrice: number; discountPct: number } {
  if ("promoPrice" in by)
    return { promoPrice: by.promoPrice, discountPct: (1 - by.promoPrice / regularPrice) * 100 };
  const promoPrice = Math.round(regularPrice * (1 - by.discountPct / 100) * 100) / 100;
  // The discount restated from the rounded price, so the two always agree.
  return { promoPrice, discountPct: (1 - promoPrice / regularPrice) * 100 };
}
