import { prepared, preparedRaw, andSet, SALES_MARKETS_SQL, type Db } from "../store/index.js";
import type { BaselinePoint } from "./forecast/fit.js";
import { shiftDate } from "./define.js";
import { CATEGORY_ENTRIES, FactsMemo } from "./memo.js";

/** One retail week of one SKU in one market (or one location), summed over channels. */
export interface WeekRow {
  sku: string;
  market: string;
  week: string;
  units: number;
  revenue: number;
  feature: boolean;
  display: boolean;
  /** A temporary price reduction: flagged by the source or paid ≥ 3 % under the regular price. */
  tpr: boolean;
  regularPrice: number | null;
}

export interface WeeklyQuery {
  market?: string | undefined;
  location?: string | undefined;
  sku?: string | undefined;
  category?: string | undefined;
  /** Exclusive lower and inclusive upper retail week. */
  after: string;
  through: string;
}

/** A row of the weekly read, as its column values in SELECT order. */
type RawRow = [
  sku: string,
  market: string,
  week: string,
  units: number,
  revenue: number,
  feature: number,
  display: number,
  tpr: number,
  regularPrice: number | null,
];

/** Weekly units, revenue and promo flags per SKU × market for every series in scope, in one query. */
export function loadWeeklySales(db: Db, q: WeeklyQuery): WeekRow[] {
  const filters = andSet(q, {
    market: "s.market_id = @market",
    location: "s.location_id = @location",
    sku: "p.sku = @sku",
    category: "p.category = @category",
  });
  // Column arrays rather than row objects: a category's read returns thousands of rows.
  const rows = preparedRaw(
    db,
    `SELECT s.sku, s.market_id AS market, s.retail_week AS week, sum(s.units) AS units, sum(s.revenue) AS revenue,
              max(s.feature) AS feature, max(s.display) AS display,
              max(CASE WHEN s.tpr = 1 OR (s.price_paid IS NOT NULL AND s.regular_price IS NOT NULL AND s.price_paid < 0.97 * s.regular_price) THEN 1 ELSE 0 END) AS tpr,
              max(s.regular_price) AS regular_price
         FROM products p CROSS JOIN sales s ON s.sku = p.sku -- products first, then one series seek per SKU (sales_series)
        WHERE s.retail_week > @after AND s.retail_week <= @through${filters}
        GROUP BY s.sku, s.market_id, s.retail_week
        ORDER BY s.sku, s.market_id, s.retail_week`,
  ).all({
    after: q.after,
    through: q.through,
    market: q.market,
    location: q.location,
    sku: q.sku,
    category: q.category,
  }) as RawRow[];
  return rows.map((r) => ({
    sku: r[0],
    market: r[1],
    week: r[2],
    units: r[3],
    revenue: r[4],
    feature: r[5] === 1,
    display: r[6] === 1,
    tpr: r[7] === 1,
    regularPrice: r[8],
  }));
}

/** Each market's latest week per `asOf`: every forecast asks, and it only moves with a sales ingest. */
const LATEST_WEEKS = new FactsMemo<ReadonlyMap<string, string>>(["sales"], 64);

/** Each market's latest retail week on or before `asOf` (markets end their weeks on different days); shared, read-only. */
export function latestWeeks(db: Db, asOf: string): ReadonlyMap<string, string> {
  return LATEST_WEEKS.get(db, asOf, () => {
    // One index seek per market (sales_market_week), not a scan of every sale.
    const rows = prepared(
      db,
      `SELECT m.id AS market, (SELECT max(s.retail_week) FROM sales s WHERE s.market_id = m.id AND s.retail_week <= ?) AS week FROM (${SALES_MARKETS_SQL}) m`,
    ).all(asOf) as { market: string; week: string | null }[];
    return new Map(rows.filter((r) => r.week !== null).map((r) => [r.market, r.week!]));
  });
}

/**
 * A category's series by `${sku}|${market}`, kept until the next sales ingest: perception and the
 * demand agent read the same ones, one right after the other, so a few categories are kept.
 */
const CATEGORY_WEEKS = new FactsMemo<CategoryWeeks>(["sales"], CATEGORY_ENTRIES);

/** Weeks read beyond a category's history, so that a market whose latest week lags `asOf` by up to 8 weeks is covered too. */
const LAG_WEEKS = 8;

/** A category's weekly rows over (`after`, `through`], by `${sku}|${market}` in query order. */
export interface CategoryWeeks {
  after: string;
  through: string;
  series: ReadonlyMap<string, readonly WeekRow[]>;
}

/**
 * Every series of a category in every market over the `historyWeeks` + 9 weeks to `asOf`, by
 * `${sku}|${market}` in query order; shared, read-only. Each reader filters the window it needs:
 * a filtered series holds the same rows in the same order as a query for that window alone.
 */
export function categoryWeeklySales(
  db: Db,
  category: string,
  asOf: string,
  historyWeeks: number,
): CategoryWeeks {
  return CATEGORY_WEEKS.get(db, `${category}|${asOf}|${historyWeeks}`, () => {
    const after = shiftDate(asOf, -7 * (historyWeeks + 1 + LAG_WEEKS));
    return {
      after,
      through: asOf,
      series: bySeries(loadWeeklySales(db, { category, after, through: asOf })),
    };
  });
}

/** Groups week rows by `${sku}|${market}`. */
export function bySeries(rows: readonly WeekRow[]): Map<string, WeekRow[]> {
  const out = new Map<string, WeekRow[]>();
  for (const r of rows) {
    const key = `${r.sku}|${r.market}`;
    const list = out.get(key);
    if (list) list.push(r);
    else out.set(key, [r]);
  }
  return out;
}

/** A series on a gap-free weekly grid ending at `lastWeek` (index 0 = its first week); a missing week sold nothing. */
export interface WeeklyGrid {
  weeks: string[];
  rows: (WeekRow | undefined)[];
  points: BaselinePoint[];
}

const promoted = (r: WeekRow | undefined): boolean => !!r && (r.feature || r.display || r.tpr);

/** Puts a series on its weekly grid and marks which weeks a baseline may learn from. */
export function toGrid(series: readonly WeekRow[], lastWeek: string): WeeklyGrid {
  const first = series[0]?.week ?? lastWeek;
  const n = Math.max(
    1,
    Math.round((Date.parse(lastWeek) - Date.parse(first)) / (7 * 86_400_000)) + 1,
  );
  const weeks = Array.from({ length: n }, (_, i) => shiftDate(lastWeek, -7 * (n - 1 - i)));
  const at = new Map(series.map((r) => [r.week, r]));
  const rows = weeks.map((w) => at.get(w));
  // The week after a price cut sells less (pull-forward), so it is as unrepresentative as the promotion itself.
  const points = rows.map((r, t) => ({
    t,
    units: r?.units ?? 0,
    clean: !promoted(r) && !(rows[t - 1]?.tpr ?? false),
  }));
  return { weeks, rows, points };
}
