import type { Db } from "../../store/db.js";
import { addDays } from "../../domain/dates.js";
import { prepared, SALES_MARKETS_SQL } from "../../store/sql.js";
import { SERIES_ENTRIES, FactsMemo } from "../../tools/memo.js";
import type { Commitment } from "./types.js";

/**
 * The store queries behind the policy context. Lists are passed as one JSON parameter and
 * expanded with json_each, so no SQL is ever built from values.
 */

const PROMOTED = "(feature = 1 OR display = 1 OR tpr = 1)";
const LIVE = "status IN ('approved', 'launched')";

/**
 * Retail weeks that can hold a row overlapping `from`–`to`. A row lies inside its retail week
 * (which ends on retail_week, at most 6 days after the row ends; a week row starts 6 days before
 * it ends), so bounding the week as well lets the sales_series index seek the range instead of
 * reading the series' whole history. The slack is generous.
 */
const weeksAround = (from: string, to: string): [string, string] => [
  addDays(from, -7),
  addDays(to, 13),
];

/** Lowest price paid for a SKU in a market and channel over rows overlapping `from`–`to`. */
export function lowestPricePaid(
  db: Db,
  sku: string,
  marketId: string,
  channel: string,
  from: string,
  to: string,
): number | null {
  const row = prepared(
    db,
    `SELECT min(price_paid) AS p FROM sales
       WHERE sku = ? AND market_id = ? AND retail_week >= ? AND retail_week <= ?
         AND channel = ? AND price_paid IS NOT NULL AND period_end >= ? AND period_start <= ?`,
  ).get(sku, marketId, ...weeksAround(from, to), channel, from, to) as { p: number | null };
  return row.p;
}

/** Average price paid in the latest period with a price, for a SKU in a market and channel, within `from`–`to`. */
export function latestPricePaid(
  db: Db,
  sku: string,
  marketId: string,
  channel: string,
  from: string,
  to: string,
): number | null {
  // The latest period ends within from–to, so both its rows and the search for it lie in the weeks around them.
  const [weekFrom, weekTo] = weeksAround(from, to);
  const row = prepared(
    db,
    `SELECT avg(price_paid) AS p FROM sales
       WHERE sku = ? AND market_id = ? AND retail_week >= ? AND retail_week <= ? AND channel = ? AND price_paid IS NOT NULL AND period_end = (
         SELECT max(period_end) FROM sales WHERE sku = ? AND market_id = ? AND retail_week >= ? AND retail_week <= ? AND channel = ?
           AND price_paid IS NOT NULL AND period_end >= ? AND period_end <= ?)`,
  ).get(
    sku,
    marketId,
    weekFrom,
    weekTo,
    channel,
    sku,
    marketId,
    weekFrom,
    weekTo,
    channel,
    from,
    to,
  ) as { p: number | null };
  return row.p;
}

interface StockRow {
  on_hand: number;
  on_order: number;
  in_transit: number;
  as_of: string;
}

/** The latest snapshot (at or before `asOf`) of each location in scope holding the SKU. */
export function latestStock(
  db: Db,
  sku: string,
  markets: string[],
  locations: string[] | undefined,
  asOf: string,
): StockRow[] {
  const col = locations ? "location_id" : "market_id";
  // Each location holding the SKU (a loose index scan of inventory_key), then one seek for its
  // latest row: grouping the SKU's whole history made SQLite build an automatic index per call.
  return prepared(
    db,
    `WITH RECURSIVE locs(id) AS (
       SELECT min(location_id) FROM inventory WHERE sku = @sku
       UNION ALL SELECT (SELECT min(location_id) FROM inventory WHERE sku = @sku AND location_id > locs.id) FROM locs WHERE locs.id IS NOT NULL)
     SELECT i.on_hand, i.on_order, i.in_transit, i.as_of FROM locs CROSS JOIN inventory i ON i.sku = @sku AND i.location_id = locs.id
       AND i.as_of = (SELECT max(as_of) FROM inventory WHERE sku = @sku AND location_id = locs.id AND as_of <= @asOf)
     WHERE i.${col} IN (SELECT value FROM json_each(@list))`,
  ).all({ sku, asOf, list: JSON.stringify(locations ?? markets) }) as StockRow[];
}

/** Planned production of a SKU, all plants, dated `from`–`to`. */
export function plannedProduction(db: Db, sku: string, from: string, to: string): number {
  const row = prepared(
    db,
    "SELECT coalesce(sum(planned_units), 0) AS u FROM production WHERE sku = ? AND date >= ? AND date <= ?",
  ).get(sku, from, to) as { u: number };
  return row.u;
}

/** A promoted sales period of a SKU. */
export interface PromotedPeriod {
  sku: string;
  from: string;
  to: string;
}

/**
 * Each series' promoted rows over its whole history: a scope re-checked (a revision, the next run)
 * or checked for another window reads them again. A cycle checks each series once, so the memo stays small.
 */
const PROMOTED_ROWS = new FactsMemo<readonly { from: string; to: string; week: string }[]>(
  ["sales"],
  SERIES_ENTRIES,
);
/** The promotion flags each market has seen: one answer for every check until the sales change. */
const FLAGS_SEEN = new FactsMemo<
  { market_id: string; feature: number; display: number; tpr: number }[]
>(["sales"], 4);

/**
 * The version of sales facts: the latest sales (or catalogue) ingest, and the newest sales row, so
 * that rows written without an ingest (test seeds, fixtures) are seen as well.
 */
function salesVersion(db: Db): string {
  const newest =
    (prepared(db, "SELECT max(rowid) AS r FROM sales").get() as { r: number | null }).r ?? 0;
  return `${PROMOTED_ROWS.version(db)}|${newest}`;
}

/**
 * Periods in which any of `skus` sold on feature, display or TPR in `markets`, overlapping `from`–`to`,
 * each once. The same rows as one bounded query over every SKU and market: the same conditions,
 * applied to each series' memoised promoted rows.
 */
export function promotedSalesPeriods(
  db: Db,
  skus: string[],
  markets: string[],
  from: string,
  to: string,
): PromotedPeriod[] {
  const version = salesVersion(db);
  const [weekFrom, weekTo] = weeksAround(from, to);
  const seen = new Set<string>();
  const out: PromotedPeriod[] = [];
  for (const sku of skus) {
    for (const market of markets) {
      for (const r of PROMOTED_ROWS.get(
        db,
        JSON.stringify([sku, market]),
        () => readPromotedRows(db, sku, market),
        version,
      )) {
        if (r.week < weekFrom || r.week > weekTo || r.to < from || r.from > to) continue;
        const key = `${sku}|${r.from}|${r.to}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ sku, from: r.from, to: r.to });
      }
    }
  }
  return out;
}

/** Every promoted row of a SKU in a market (one index range of sales_series). */
function readPromotedRows(
  db: Db,
  sku: string,
  market: string,
): { from: string; to: string; week: string }[] {
  return prepared(
    db,
    `SELECT period_start AS "from", period_end AS "to", retail_week AS week FROM sales WHERE sku = ? AND market_id = ? AND ${PROMOTED}`,
  ).all(sku, market) as {
    from: string;
    to: string;
    week: string;
  }[];
}

/** The (feature, display, tpr) combinations that count as a promotion. */
const PROMOTION_FLAGS = [1, 2, 3, 4, 5, 6, 7].map((b) => ({
  feature: b & 1,
  display: (b >> 1) & 1,
  tpr: (b >> 2) & 1,
}));

/** The promotion flag combinations as SQL rows (constants, not values from anywhere). */
const FLAG_ROWS = PROMOTION_FLAGS.map(
  (f, i) => `(${i}, ${f.feature}, ${f.display}, ${f.tpr})`,
).join(", ");

/** Distinct (market, feature, display, tpr) combinations ever sold on promotion: one index seek each (sales_market_flags), in one statement; shared, read-only. */
export function promotionFlagsSeen(
  db: Db,
): { market_id: string; feature: number; display: number; tpr: number }[] {
  return FLAGS_SEEN.get(db, "all", () => readPromotionFlagsSeen(db), salesVersion(db));
}

function readPromotionFlagsSeen(
  db: Db,
): { market_id: string; feature: number; display: number; tpr: number }[] {
  return prepared(
    db,
    `WITH markets AS (${SALES_MARKETS_SQL}), flags(n, feature, display, tpr) AS (VALUES ${FLAG_ROWS})
     SELECT m.id AS market_id, f.feature, f.display, f.tpr FROM markets m CROSS JOIN flags f
      WHERE EXISTS (SELECT 1 FROM sales s WHERE s.market_id = m.id AND s.feature = f.feature AND s.display = f.display AND s.tpr = f.tpr)
      ORDER BY m.id, f.n`,
  ).all() as { market_id: string; feature: number; display: number; tpr: number }[];
}

interface CommitmentRow {
  campaign_id: string;
  category: string;
  markets: string;
  skus: string;
  mechanic: string;
  start_date: string;
  end_date: string;
  amount: number;
  currency: string | null;
  original_amount: number | null;
  original_currency: string | null;
}

function toCommitment(r: CommitmentRow): Commitment {
  return {
    campaignId: r.campaign_id,
    category: r.category,
    markets: JSON.parse(r.markets) as string[],
    skus: JSON.parse(r.skus) as string[],
    mechanic: r.mechanic,
    startDate: r.start_date,
    endDate: r.end_date,
    currency: r.currency,
    ...(r.original_amount !== null
      ? { original: { amount: r.original_amount, currency: r.original_currency } }
      : {}),
    amount: r.amount,
  };
}

/** Approved or launched campaigns other than `excludeId`; within `from`–`to` when given. */
export function liveCommitments(
  db: Db,
  excludeId: string,
  from?: string,
  to?: string,
): Commitment[] {
  const rows = prepared(
    db,
    `SELECT campaign_id, category, markets, skus, mechanic, start_date, end_date, amount, currency, original_amount, original_currency FROM spend_commitments WHERE ${LIVE} AND campaign_id <> ?
         AND (? IS NULL OR end_date >= ?) AND (? IS NULL OR start_date <= ?) ORDER BY start_date, campaign_id`,
  ).all(excludeId, from ?? null, from ?? null, to ?? null, to ?? null) as CommitmentRow[];
  return rows.map(toCommitment);
}

/** The proposal's own commitment when it is re-checked (an edit): its dates and SKUs as stored. */
export function ownCommitment(
  db: Db,
  campaignId: string,
): { s: string; e: string; skus: string } | undefined {
  return prepared(
    db,
    "SELECT start_date AS s, end_date AS e, skus FROM spend_commitments WHERE campaign_id = ? AND status <> 'cancelled'",
  ).get(campaignId) as { s: string; e: string; skus: string } | undefined;
}

/** SKUs of a category in the product table. */
export function categorySkus(db: Db, category: string): string[] {
  return (
    prepared(db, "SELECT sku FROM products WHERE category = ? ORDER BY sku").all(category) as {
      sku: string;
    }[]
  ).map((r) => r.sku);
}
