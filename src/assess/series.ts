import type { Db } from "../store/index.js";

/** One store × SKU × channel's weekly record, weeks indexed from the store's first week. */
export interface WeeklySeries {
  sku: string;
  market: string;
  location: string;
  channel: string;
  category: string;
  subcategory: string;
  /** Week index of each row (7-day steps from the first week in the store). */
  week: number[];
  /** The last day of each row's retail week (ISO date). */
  weekEnd: string[];
  units: number[];
  /** Price paid per unit; the regular price when the row had no sales. */
  price: number[];
  regular: number[];
  feature: boolean[];
  display: boolean[];
  /** A cut of at least `minCut` below the regular price, or a TPR flag. */
  cut: boolean[];
  /** The catalogue's unit cost, or null when the retailer filed none. */
  unitCost: number | null;
}

/** What the series reader needs to know. */
export interface SeriesOptions {
  /** Smallest price cut that counts as a promotion (share of the regular price). */
  minCut: number;
  /** Only this market's sales, and only these categories' (default: all). */
  market?: string;
  categories?: readonly string[];
}

interface Row {
  sku: string;
  market: string;
  location: string;
  channel: string;
  weekEnd: string;
  units: number;
  revenue: number;
  regular: number | null;
  f: number;
  d: number;
  t: number;
  category: string;
  subcategory: string | null;
  unitCost: number | null;
  catalogPrice: number | null;
}

// Daily or weekly rows fold into the retail week they end in; a market with no location
// (online, one national feed) is one series per channel.
const SQL = `
SELECT s.sku, s.market_id AS market, ifnull(s.location_id, '') AS location,
  s.channel, MAX(s.period_end) AS weekEnd, SUM(s.units) AS units,
  SUM(s.revenue) AS revenue, AVG(s.regular_price) AS regular,
  MAX(s.feature) AS f, MAX(s.display) AS d, MAX(s.tpr) AS t,
  p.category, p.subcategory, p.unit_cost AS unitCost,
  p.regular_price AS catalogPrice
FROM sales s JOIN products p ON p.sku = s.sku
WHERE (@market IS NULL OR s.market_id = @market)
  AND (@categories IS NULL OR p.category IN (SELECT value FROM json_each(@categories)))
GROUP BY s.sku, s.market_id, ifnull(s.location_id, ''), s.channel,
  s.retail_week
ORDER BY location, s.sku, s.channel, weekEnd`;

const DAY_MS = 86_400_000;

/** Every store × SKU × channel's weekly sales, read from the store. */
export function readWeeklySeries(db: Db, opts: SeriesOptions): WeeklySeries[] {
  const rows = db.prepare(SQL).all({
    market: opts.market ?? null,
    categories: opts.categories ? JSON.stringify(opts.categories) : null,
  }) as Row[];
  if (rows.length === 0) return [];
  let first = Infinity;
  for (const r of rows) {
    first = Math.min(first, Date.parse(r.weekEnd));
  }
  const out: WeeklySeries[] = [];
  let cur: WeeklySeries | undefined;
  let key = "";
  for (const r of rows) {
    const k = `${r.location}\u0000${r.sku}\u0000${r.channel}`;
    if (!cur || k !== key) {
      key = k;
      cur = emptySeries(r);
      out.push(cur);
    }
    const week = Math.round((Date.parse(r.weekEnd) - first) / (7 * DAY_MS));
    const regular = r.regular ?? r.catalogPrice ?? null;
    const paid = r.units > 0 ? r.revenue / r.units : regular;
    if (regular === null || paid === null || !(regular > 0)) continue;
    cur.week.push(week);
    cur.weekEnd.push(r.weekEnd);
    cur.units.push(r.units);
    cur.price.push(paid);
    cur.regular.push(regular);
    cur.feature.push(r.f === 1);
    cur.display.push(r.d === 1);
    cur.cut.push(r.t === 1 || paid <= regular * (1 - opts.minCut));
  }
  return out.filter((s) => s.week.length > 0);
}

function emptySeries(r: Row): WeeklySeries {
  return {
    sku: r.sku,
    market: r.market,
    location: r.location,
    channel: r.channel,
    category: r.category,
    subcategory: r.subcategory ?? r.category,
    week: [],
    weekEnd: [],
    units: [],
    price: [],
    regular: [],
    feature: [],
    display: [],
    cut: [],
    unitCost: r.unitCost,
  };
}
