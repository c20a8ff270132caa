import { addDays, daysBetween } from "../domain/dates.js";
import {
  measureWindow,
  prepareSeries,
  readWeeklySeries,
  type SiblingGroups,
} from "../assess/index.js";
import type { Db } from "../store/index.js";

/** How settlement measures the planners' promotions (as `assess` measures any event). */
export interface CompareOptions {
  window: number;
  postWeeks: number;
  minCleanWeeks: number;
  minCut: number;
  /** Margin rate where a product has no unit cost. */
  marginRate: number;
  /** Settled scope-weeks before a difference may count as evidence. */
  minSettledWeeks: number;
}

export const DEFAULT_COMPARE: CompareOptions = {
  window: 8,
  postWeeks: 2,
  minCleanWeeks: 4,
  minCut: 0.05,
  marginRate: 0.3,
  minSettledWeeks: 12,
};

/** One planners' promotion starting in a shadow scope's weeks. */
export interface PlannedPromotion {
  sku: string;
  mechanic: string;
  discountPct: number;
  startDate: string;
  endDate: string;
  channels: string;
  planner: string | null;
}

/** One shadow decision beside the planners' plan for the same scope and weeks. */
export interface ShadowPair {
  decisionId: string;
  category: string;
  market: string;
  windowStart: string;
  windowEnd: string;
  weeks: number;
  system: {
    skus: string[];
    mechanic: string | null;
    discountPct: number | null;
    verdict: string | null;
    forecast: number;
    sd: number;
    reason: string;
  };
  planners: PlannedPromotion[];
  agreement: "agree" | "differ";
  why: string;
  settled: boolean;
  /** The planners' promotions' realised incremental margin and its standard error (settled only). */
  plannersMargin: number | null;
  plannersSe: number | null;
  /** System − planners, and its standard error (settled only). */
  difference: number | null;
  differenceSe: number | null;
}

/** Pairs summed over a category, a market or everything. */
export interface ShadowSummary {
  group: string;
  pairs: number;
  settledPairs: number;
  settledWeeks: number;
  agreement: number;
  difference: number;
  lower: number;
  upper: number;
  verdict: "system better" | "planners better" | "no clear difference" | "too thin";
  says: string;
}

export interface ShadowReport {
  pairs: ShadowPair[];
  overall: ShadowSummary;
  byCategory: ShadowSummary[];
  byMarket: ShadowSummary[];
}

const Z80 = 1.2816;
const Z90 = 1.6449;

interface PlanRow {
  decision_id: string;
  category: string;
  market_id: string;
  window_start: string;
  window_end: string;
  skus: string;
  mechanic: string | null;
  discount_pct: number | null;
  verdict: string | null;
  forecast_margin: number;
  forecast_low: number;
  forecast_high: number;
  reason: string;
}

/** Every shadow decision beside the planners' plan, settled where actuals have arrived. */
export function compareShadow(db: Db, opts: Partial<CompareOptions> = {}): ShadowReport {
  const o = { ...DEFAULT_COMPARE, ...opts };
  const rows = nonOverlapping(
    db
      .prepare("SELECT * FROM shadow_plans ORDER BY category, market_id, window_start, recorded_at")
      .all() as PlanRow[],
  );
  const planned = db.prepare(
    `SELECT pp.sku, pp.mechanic, pp.discount_pct AS discountPct, pp.start_date AS startDate,
       pp.end_date AS endDate, pp.channels, pp.planner
     FROM planned_promotions pp JOIN products p ON p.sku = pp.sku
     WHERE p.category = ? AND pp.market_id = ? AND pp.start_date BETWEEN ? AND ?
     ORDER BY pp.start_date, pp.sku`,
  );
  const lastSale = db.prepare("SELECT max(period_end) AS d FROM sales WHERE market_id = ?");
  // One read and one grouping per market and category, however many plans and promotions use it.
  const seriesOf = new Map<string, SiblingGroups>();
  const pairs = rows.map((r) => {
    const planners = planned.all(
      r.category,
      r.market_id,
      r.window_start,
      r.window_end,
    ) as PlannedPromotion[];
    const last = (lastSale.get(r.market_id) as { d: string | null }).d;
    const settled = last !== null && last >= addDays(r.window_end, 7 * o.postWeeks);
    const key = `${r.market_id}\u0000${r.category}`;
    if (settled && !seriesOf.has(key)) {
      seriesOf.set(
        key,
        prepareSeries(
          readWeeklySeries(db, { minCut: o.minCut, market: r.market_id, categories: [r.category] }),
          o,
        ),
      );
    }
    return pair(r, planners, settled ? seriesOf.get(key)! : null, o);
  });
  const by = (key: (p: ShadowPair) => string) => {
    const groups = new Map<string, ShadowPair[]>();
    for (const p of pairs) groups.set(key(p), [...(groups.get(key(p)) ?? []), p]);
    return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([g, ps]) => summarise(g, ps, o));
  };
  return {
    pairs,
    overall: summarise("all", pairs, o),
    byCategory: by((p) => p.category),
    byMarket: by((p) => p.market),
  };
}

/**
 * A service re-plans every scope each cycle: only plans whose weeks do not overlap an earlier
 * kept plan of the same scope count, so no scope-week is evidence twice.
 */
function nonOverlapping(rows: PlanRow[]): PlanRow[] {
  const lastEnd = new Map<string, string>();
  return rows.filter((r) => {
    const key = `${r.category}\u0000${r.market_id}`;
    const end = lastEnd.get(key);
    if (end !== undefined && r.window_start <= end) return false;
    lastEnd.set(key, r.window_end);
    return true;
  });
}

function pair(
  r: PlanRow,
  planners: PlannedPromotion[],
  series: SiblingGroups | null,
  o: CompareOptions,
): ShadowPair {
  const skus = JSON.parse(r.skus) as string[];
  const sd = (r.forecast_high - r.forecast_low) / (2 * Z80);
  const weeks = (daysBetween(r.window_start, r.window_end) + 1) / 7;
  const same = agree(skus, r.mechanic, planners);
  const base: ShadowPair = {
    decisionId: r.decision_id,
    category: r.category,
    market: r.market_id,
    windowStart: r.window_start,
    windowEnd: r.window_end,
    weeks,
    system: {
      skus,
      mechanic: r.mechanic,
      discountPct: r.discount_pct,
      verdict: r.verdict,
      forecast: r.forecast_margin,
      sd,
      reason: r.reason,
    },
    planners,
    agreement: same ? "agree" : "differ",
    why: whyDiffer(skus, r.mechanic, planners),
    settled: series !== null,
    plannersMargin: null,
    plannersSe: null,
    difference: null,
    differenceSe: null,
  };
  if (!series) return base;
  let margin = 0;
  let variance = 0;
  for (const pp of planners) {
    const w = measureWindow(series, pp.sku, pp.startDate, pp.endDate, o, {
      rate: o.marginRate,
      low: o.marginRate,
      high: o.marginRate,
    });
    margin += w.margin;
    variance += w.se ** 2;
  }
  // The same plan is valued by what it made, on both sides: the forecast's error is not a difference.
  const system = same ? margin : r.forecast_margin;
  const systemVar = same ? 0 : sd ** 2;
  return {
    ...base,
    plannersMargin: margin,
    plannersSe: Math.sqrt(variance),
    difference: system - margin,
    differenceSe: Math.sqrt(systemVar + (same ? 0 : variance)),
  };
}

function agree(skus: string[], mechanic: string | null, planners: PlannedPromotion[]): boolean {
  if (skus.length === 0 || mechanic === null) return planners.length === 0;
  const theirs = new Set(planners.map((p) => p.sku));
  return (
    planners.every((p) => p.mechanic === mechanic) &&
    skus.length === theirs.size &&
    skus.every((s) => theirs.has(s))
  );
}

function whyDiffer(skus: string[], mechanic: string | null, planners: PlannedPromotion[]): string {
  if (agree(skus, mechanic, planners))
    return planners.length ? "same SKUs and mechanic" : "neither promotes";
  if (skus.length === 0 || mechanic === null)
    return `the planners promote ${planners.map((p) => `${p.sku} (${p.mechanic})`).join(", ")}; the system would not`;
  if (planners.length === 0)
    return `the system would run ${mechanic} on ${skus.join(", ")}; the planners run nothing`;
  return `the system would run ${mechanic} on ${skus.join(", ")}; the planners ${planners.map((p) => `${p.mechanic} on ${p.sku}`).join(", ")}`;
}

function summarise(group: string, pairs: ShadowPair[], o: CompareOptions): ShadowSummary {
  const settled = pairs.filter((p) => p.settled);
  const weeks = settled.reduce((a, p) => a + p.weeks, 0);
  const difference = settled.reduce((a, p) => a + p.difference!, 0);
  const se = Math.sqrt(settled.reduce((a, p) => a + p.differenceSe! ** 2, 0));
  const lower = difference - Z90 * se;
  const upper = difference + Z90 * se;
  const verdict: ShadowSummary["verdict"] =
    weeks < o.minSettledWeeks
      ? "too thin"
      : lower > 0
        ? "system better"
        : upper < 0
          ? "planners better"
          : "no clear difference";
  const says = {
    "too thin": `too thin to judge: ${weeks} of ${o.minSettledWeeks} settled scope-weeks`,
    "system better": `the system's plans beat the planners' by ${Math.round(difference)} (90 % interval ${Math.round(lower)} to ${Math.round(upper)}) over ${weeks} settled scope-weeks`,
    "planners better": `the planners' plans beat the system's by ${Math.round(-difference)} (90 % interval ${Math.round(-upper)} to ${Math.round(-lower)}) over ${weeks} settled scope-weeks`,
    "no clear difference": `no clear difference: ${Math.round(difference)} (90 % interval ${Math.round(lower)} to ${Math.round(upper)}) over ${weeks} settled scope-weeks`,
  }[verdict];
  return {
    group,
    pairs: pairs.length,
    settledPairs: settled.length,
    settledWeeks: weeks,
    agreement: pairs.length
      ? pairs.filter((p) => p.agreement === "agree").length / pairs.length
      : 0,
    difference,
    lower,
    upper,
    verdict,
    says,
  };
}
