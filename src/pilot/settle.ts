import { recordOutcome } from "../monitoring/index.js";
import type { Db } from "../store/index.js";
import type { MarketWorld, WorldCampaign } from "../sim/market/index.js";
import type { AgentCampaign } from "./agent-player.js";
import { measureHoldout } from "./measure.js";
import type { Tally } from "./tally.js";

/** One settled campaign of the causal record, with the simulator's truth beside it. */
export interface SettledCampaign {
  campaignId: string;
  mechanic: string;
  market: string;
  category: string;
  startWeek: number;
  treatedShare: number;
  forecastIncrementalMargin: number;
  /** The decision's 80 % interval of incremental margin, scaled to the treated stores (null: none). */
  forecastLow: number | null;
  forecastHigh: number | null;
  measuredIncrementalMargin: number;
  measuredLow: number;
  measuredHigh: number;
  trueIncrementalMargin: number;
  /** False when no counterfactual could be built (no clean pre-period): left out of the agreement. */
  measured: boolean;
  truthInsideInterval: boolean;
  forecastUnits: number;
  actualUnits: number;
  /** The forecast's and the truth's own-SKU units over the promoted weeks in the treated stores, without the campaign. */
  forecastBaselineUnits: number;
  trueBaselineUnits: number;
  sku: string;
  depth: number;
  weeks: number;
  /** A treated store ran out of the promoted SKU in a promoted week. */
  stockOut: boolean;
  /**
   * A treated store ran out in a promoted week that the market's DC ended drained: its orders were
   * cut pro rata, so supply, not the shelf, was short. The rest of `stockOut` happened while the DC
   * still held stock: a store's week outsold the cover the retailer's weekly order gave it, which
   * unpromoted weeks do as often (the report's shelf stock-out rates).
   */
  supplyShort: boolean;
  /**
   * A stock-out the supply guardrail should have prevented: `supplyShort` while units sold stayed
   * within the forecast plus the safety margin, so the forecast the guardrail sized stock by was
   * right and the stock it let through was not enough. Supply-short weeks that outsold that are a
   * forecast miss, counted in `supplyShort` only.
   */
  guardrailStockOut: boolean;
}

/** Pre-period weeks for the treated/holdout ratio: the more, the steadier the ratio and its spread. */
const PRE_WEEKS = 16;
/**
 * How far back clean pre-period weeks are searched. With the category promoted most weeks late in a
 * pilot, a shorter look-back found none and the campaign was "measured" as −media with no interval.
 */
const LOOKBACK_WEEKS = 104;

/**
 * Settles every agent campaign whose week after (the pull-forward week) has just been observed:
 * measures it against its holdout, compares with the forecast scaled to the treated stores, stores
 * it in the accuracy record, and keeps the truth beside it for the pilot report.
 */
export function settleDue(
  db: Db,
  world: MarketWorld,
  w: number,
  campaigns: readonly AgentCampaign[],
  all: readonly WorldCampaign[],
  tally: Tally,
  at: string,
  safetyPct: number,
): SettledCampaign[] {
  const out: SettledCampaign[] = [];
  for (const c of campaigns) {
    if (c.startWeek + c.weeks !== w) continue;
    const stores = world.stores(c.market);
    const treated = stores.filter((s) => !c.holdout.includes(s));
    // Pre-period: weeks before the start when no holdout campaign of the category ran (their holdouts differ).
    const busy = (x: number) =>
      campaigns.some(
        (o) =>
          o.market === c.market &&
          o.category === c.category &&
          x >= o.startWeek &&
          x <= o.startWeek + o.weeks,
      );
    const pre: number[] = [];
    for (let x = c.startWeek - 1; x >= c.startWeek - LOOKBACK_WEEKS && pre.length < PRE_WEEKS; x--)
      if (!busy(x)) pre.push(x);
    // A sibling with its own campaign in these weeks has other control stores: its sales would mix two experiments.
    const overlaps = (o: AgentCampaign) =>
      o.id !== c.id &&
      o.market === c.market &&
      o.startWeek <= w &&
      o.startWeek + o.weeks >= c.startWeek;
    const siblings = world
      .siblings(c.sku)
      .filter((s) => !campaigns.some((o) => o.sku === s && overlaps(o)));
    const price: Record<string, number> = {};
    const cost: Record<string, number> = {};
    for (const s of [c.sku, ...siblings]) {
      price[s] = world.truth.skus[s]!.regularPrice;
      cost[s] = world.truth.skus[s]!.unitCost;
    }
    const promoWeeks = Array.from({ length: c.weeks }, (_, k) => c.startWeek + k);
    const truth = tally.truthOf(c.id);
    const media = (tally.accruals.get(c.id) ?? []).reduce((n, a) => n + a.mediaCost, 0);
    const m = measureHoldout(db, {
      market: c.market,
      sku: c.sku,
      siblings,
      treated,
      control: [...c.holdout],
      preWeeks: pre.map((x) => world.weekEnd(x)),
      promoWeeks: promoWeeks.map((x) => world.weekEnd(x)),
      dipWeek: world.weekEnd(w),
      unitCost: cost,
      regularPrice: price,
      mediaCost: media,
    });
    const share = treatedShareOf(db, c, world, pre, treated);
    const predicted = c.proposal.predicted;
    const forecastMargin = (predicted?.incrementalMargin ?? 0) * share;
    const forecastUnits = (predicted?.totalUnits ?? 0) * share;
    const so = stockOutInCampaign(db, c, world, promoWeeks, treated);
    const guardrailStockOut =
      so.supplyShort && m.treatedUnits <= forecastUnits * (1 + safetyPct / 100);
    const outcome: SettledCampaign = {
      campaignId: c.id,
      mechanic: c.mechanic,
      market: c.market,
      category: c.category,
      startWeek: c.startWeek,
      treatedShare: share,
      forecastIncrementalMargin: forecastMargin,
      measuredIncrementalMargin: m.incrementalMargin,
      measuredLow: m.low,
      measuredHigh: m.high,
      forecastLow: c.forecastInterval ? c.forecastInterval[0] * share : null,
      forecastHigh: c.forecastInterval ? c.forecastInterval[1] * share : null,
      trueIncrementalMargin: truth.incrementalMargin,
      measured: m.measured,
      truthInsideInterval: truth.incrementalMargin >= m.low && truth.incrementalMargin <= m.high,
      forecastUnits,
      actualUnits: m.treatedUnits,
      stockOut: so.any,
      supplyShort: so.supplyShort,
      guardrailStockOut,
      forecastBaselineUnits: (predicted?.baselineUnits ?? 0) * share,
      trueBaselineUnits: truth.ownBaseline,
      sku: c.sku,
      depth: c.depth,
      weeks: c.weeks,
    };
    // A campaign run in every store (the rotating holdout's unmeasured ones) has no
    // counterfactual: it stays out of the causal record, which corrects the model.
    if (c.holdout.length === 0) {
      out.push({ ...outcome, measured: false, truthInsideInterval: false });
      continue;
    }
    recordOutcome(db, {
      campaignId: c.id,
      promotionType: c.mechanic,
      market: c.market,
      category: c.category,
      settledAt: at,
      forecastUnits: Math.max(0, forecastUnits),
      actualUnits: Math.max(0, m.treatedUnits),
      forecastIncrementalUnits:
        ((predicted?.totalUnits ?? 0) - (predicted?.baselineUnits ?? 0)) * share,
      measuredIncrementalUnits: m.treatedUnits - m.counterfactualUnits,
      forecastIncrementalMargin: forecastMargin,
      measuredIncrementalMargin: m.incrementalMargin,
      measuredLow: m.low,
      measuredHigh: m.high,
      ...(c.forecastInterval
        ? {
            forecastLow: c.forecastInterval[0] * share,
            forecastHigh: c.forecastInterval[1] * share,
          }
        : {}),
      method: "holdout",
    });
    out.push(outcome);
  }
  return out;
}

/** Treated stores' share of the own SKU's pre-period sales: scales the market-wide forecast to them. */
function treatedShareOf(
  db: Db,
  c: AgentCampaign,
  world: MarketWorld,
  pre: number[],
  treated: string[],
): number {
  if (pre.length === 0) return treated.length / world.stores(c.market).length;
  const rows = db
    .prepare(
      `SELECT location_id AS store, sum(units) AS u FROM sales WHERE market_id = ? AND sku = ? AND location_id IS NOT NULL AND retail_week IN (${pre.map(() => "?").join(",")}) GROUP BY location_id`,
    )
    .all(c.market, c.sku, ...pre.map((x) => world.weekEnd(x))) as { store: string; u: number }[];
  const total = rows.reduce((n, r) => n + r.u, 0);
  const mine = rows.filter((r) => treated.includes(r.store)).reduce((n, r) => n + r.u, 0);
  return total > 0 ? mine / total : treated.length / world.stores(c.market).length;
}

/**
 * Whether a treated store ended a promoted week of the campaign's SKU with an empty shelf, and
 * whether that happened in a week the market's DC ended drained (under one unit per store left:
 * the stores' orders were cut pro rata, so supply, not the shelf, was short).
 */
function stockOutInCampaign(
  db: Db,
  c: AgentCampaign,
  world: MarketWorld,
  weeks: number[],
  treated: string[],
): { any: boolean; supplyShort: boolean } {
  const rows = db
    .prepare(
      `SELECT location_id AS store, retail_week AS week, on_hand FROM inventory WHERE sku = ? AND retail_week IN (${weeks.map(() => "?").join(",")})`,
    )
    .all(c.sku, ...weeks.map((x) => world.weekEnd(x))) as {
    store: string;
    week: string;
    on_hand: number;
  }[];
  const dc = `${c.market}-DC`;
  const drained = new Set(
    rows
      .filter((r) => r.store === dc && r.on_hand < world.stores(c.market).length)
      .map((r) => r.week),
  );
  const empty = rows.filter((r) => treated.includes(r.store) && r.on_hand <= 0);
  return { any: empty.length > 0, supplyShort: empty.some((r) => drained.has(r.week)) };
}
