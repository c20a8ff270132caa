import type { FratTransaction } from "../../models/data/frat-schemas.js";
import type { CategorySales } from "../../models/lift/category-model.js";
import type { HistoryRow } from "./history.js";

const DAY_MS = 86_400_000;

/** A category's store history as the lift model's sales, with the ids it was given. */
export interface LiftSales {
  sales: CategorySales;
  /** Model product id of each SKU. */
  upcOf: ReadonlyMap<string, number>;
  /** Model store id of each `market|series` (a location, or `@channel` for market-wide sales). */
  storeOf: ReadonlyMap<string, number>;
}

const shiftDays = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * Turns a category's weekly history into the sales the lift model is fitted on. Markets may end
 * their retail weeks on different days, so every week is placed on one 7-day grid ending on the
 * latest week. A price cut with no ad and no display is a TPR-only week, as Breakfast at the
 * Frat flags it.
 */
export function liftSales(category: string, rows: readonly HistoryRow[]): LiftSales {
  const upcOf = new Map<string, number>();
  const storeOf = new Map<string, number>();
  const products: CategorySales["products"] = [];
  let last = "";
  for (const r of rows) if (r.week > last) last = r.week;
  const transactions: FratTransaction[] = new Array(rows.length);
  const lastMs = Date.parse(`${last}T00:00:00Z`);
  // A category has a few hundred weeks and up to ~100,000 rows: each week is placed once.
  const snapped = new Map<string, string>();
  rows.forEach((r, i) => {
    let upc = upcOf.get(r.sku);
    if (upc === undefined) {
      upcOf.set(r.sku, (upc = upcOf.size + 1));
      const sub = r.subcategory;
      products.push({
        upc,
        description: r.sku,
        manufacturer: "",
        category,
        subCategory: sub,
        productSize: "",
      });
    }
    const key = `${r.market}|${r.series}`;
    let store = storeOf.get(key);
    if (store === undefined) storeOf.set(key, (store = storeOf.size + 1));
    let week = snapped.get(r.week);
    if (week === undefined) {
      const back = Math.round((lastMs - Date.parse(`${r.week}T00:00:00Z`)) / DAY_MS / 7);
      snapped.set(r.week, (week = shiftDays(last, -7 * back)));
    }
    const promo = r.depth > 0;
    transactions[i] = {
      weekEndDate: week,
      store,
      upc,
      units: Math.max(0, r.units),
      spend: r.units * r.price,
      price: r.price,
      basePrice: r.regularPrice,
      feature: r.feature ? 1 : 0,
      display: r.display ? 1 : 0,
      tprOnly: promo && !r.feature && !r.display ? 1 : 0,
    };
  });
  return { sales: { transactions, products }, upcOf, storeOf };
}
