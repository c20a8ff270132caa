import type { StoreStock } from "../inventory/types.js";

/**
 * How the planner's stock screen counts what a promotion may sell: `"market"` (the default)
 * holds a promoted week of the market's stock back on the shelves; `"stores"` sizes every
 * store's cover week by week (`storeCoverAvailable`; docs/pilot.md, round 7).
 */
export type StockScreen = "market" | "stores";

/**
 * How far above its forecast a store's promoted week may sell before its shelf runs dry, in
 * store-week standard deviations: a campaign treats ~8 stores for 1–3 weeks, so one store-week in
 * ~20 beyond the buffer empties a shelf in most campaigns that bind (z 1.64, one-sided 95 %).
 */
export const STORE_WEEK_Z = 1.6449;
/** Bounds of the order-up-to cover read from the stores' stock (weeks of sales). */
const MIN_COVER = 1;
const MAX_COVER = 4;

/**
 * One SKU's stock as the stores hold it, precomputed once per scope: each store's share of the
 * market's store sales and its own stock, what the warehouses can send, the cover the stores
 * order up to, and how far one store's week strays from its mean.
 */
export interface StoreCover {
  share: Float64Array;
  onHand: Float64Array;
  warehouse: number;
  /**
   * Weeks of sales a store orders up to each week: the week it sells plus the cover it ends a
   * week with (its stock over its sales, the median store's).
   */
  orderCover: number;
  /** Share-weighted coefficient of variation of a store's weekly units. */
  storeCv: number;
  /** Working space for the projection: the screen runs thousands of scenarios a scope. */
  scratch: Float64Array;
}

/** The store cover of a SKU, or undefined when no store sold it (the market-level rule stands). */
export function storeCoverOf(s: StoreStock | undefined): StoreCover | undefined {
  if (!s || s.stores.length === 0) return undefined;
  const total = s.weeklySales.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return undefined;
  const share = Float64Array.from(s.weeklySales, (w) => w / total);
  let cv = 0;
  let known = 0;
  const covers: number[] = [];
  s.weeklySales.forEach((w, i) => {
    if (w > 0) covers.push(s.onHand[i]! / w);
    const c = s.weeklySalesCv[i];
    if (c === undefined) return;
    cv += c * share[i]!;
    known += share[i]!;
  });
  covers.sort((a, b) => a - b);
  const endCover = covers[Math.floor((covers.length - 1) / 2)] ?? 0;
  return {
    share,
    onHand: Float64Array.from(s.onHand),
    warehouse: s.warehouse,
    orderCover: Math.min(MAX_COVER, Math.max(MIN_COVER, 1 + endCover)),
    storeCv: known > 0 ? cv / known : 0,
    scratch: new Float64Array(share.length),
  };
}

/**
 * Units a promotion selling `promoUnits` over `weeks` weeks can count on when every store's
 * shelf must hold its own share, week by week. Each week every store orders up to its cover of
 * its share of the forecast; the warehouse (stock, transit, then the production arriving) fills
 * the orders pro rata when short; the store must then hold its week's share plus the safety
 * margin and a buffer for its own weekly swings (`STORE_WEEK_Z` × its CV), and sells its share.
 * Stock one store holds serves no other. The result, in market units comparable with the rule's
 * `promoUnits × (1 + safety)`, is that figure times the tightest store-week's stock over need
 * (at most what the market holds and receives in time), so it passes exactly when every store is
 * covered in every week.
 */
export function storeCoverAvailable(
  weeks: number,
  cover: StoreCover,
  arrivalsWeekly: readonly number[],
  promoUnits: number,
  safetyPct: number,
): number {
  const n = Math.max(1, weeks);
  let held = cover.warehouse;
  for (let i = 0; i < cover.onHand.length; i++) held += cover.onHand[i]!;
  for (let k = 0; k < n - 1; k++) held += arrivalsWeekly[k] ?? 0;
  // Nothing to sell (or no promotion): what the stores and the DC hold and receive in time.
  if (!(promoUnits > 0)) return Math.round(held);
  const weekly = promoUnits / n;
  const needed = promoUnits * (1 + safetyPct / 100);
  const buffer = 1 + safetyPct / 100 + STORE_WEEK_Z * cover.storeCv;
  // A store orders at least what it must hold: shelves read empty (a drained market) say
  // nothing of a cover below that.
  const upTo = Math.max(cover.orderCover, buffer);
  const stock = cover.scratch;
  stock.set(cover.onHand);
  let dc = cover.warehouse;
  let ratio = Infinity;
  for (let k = 0; k < n; k++) {
    if (k > 0) dc += arrivalsWeekly[k - 1] ?? 0;
    let orders = 0;
    for (let i = 0; i < stock.length; i++)
      orders += Math.max(0, upTo * cover.share[i]! * weekly - stock[i]!);
    const fill = orders > dc ? dc / orders : 1;
    for (let i = 0; i < stock.length; i++) {
      const sells = cover.share[i]! * weekly;
      const got = fill * Math.max(0, upTo * sells - stock[i]!);
      stock[i] = stock[i]! + got;
      if (sells > 0) ratio = Math.min(ratio, stock[i]! / (sells * buffer));
      stock[i] = Math.max(0, stock[i]! - sells);
    }
    dc -= fill * orders;
  }
  // Never more than the market holds: a roomy store-week says nothing of the others.
  return Math.max(0, Math.round(Math.min(needed * ratio, held)));
}
