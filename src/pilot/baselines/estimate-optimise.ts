import {
  DEFAULT_GRID,
  DEFAULT_MEDIA_COSTS,
  fitCategoryLift,
  LiftPricer,
  type CategoryLift,
  type SkuMarketContext,
} from "../../agents/promotion/index.js";
import type { Mechanic } from "../../domain/proposal.js";
import type { Scenario } from "../../domain/scenario.js";
import { addDays } from "../../sim/demo/calendar.js";
import type { WorldCampaign } from "../../sim/market/index.js";
import {
  assignHoldout,
  DEFAULT_HOLDOUT_SCHEDULE,
  holdoutKey,
  rotatingHoldout,
} from "../holdout.js";
import { inScope } from "../tally.js";
import { observedHistoryRows } from "./history-rows.js";
import type { Baseline, BaselineContext } from "./types.js";

/** Recent weeks a sibling's regular rate of sale is read from (the cannibalised margin). */
const BASELINE_WEEKS = 8;
const MECHANICS: readonly Mechanic[] = ["tpr", "feature", "display", "feature_display"];

/** The category's lift model fitted once on the pre-pilot history, kept for the whole pilot. */
function frozenLift(ctx: BaselineContext, category: string): CategoryLift | null {
  const key = `eto-lift|${category}`;
  let lift = ctx.memo.get(key) as CategoryLift | null | undefined;
  if (lift === undefined) {
    const history = ctx.observed.slice(0, ctx.pilotStart);
    lift = fitCategoryLift(category, observedHistoryRows(ctx.world, history, category)) ?? null;
    ctx.memo.set(key, lift);
  }
  return lift;
}

/** Mean weekly units of a market × SKU over recent store-weeks without a promotion (all stores). */
function regularWeekly(ctx: BaselineContext, market: string, sku: string): number {
  let units = 0;
  let cells = 0;
  for (const o of ctx.observed.slice(-BASELINE_WEEKS)) {
    for (const c of o.cells) {
      if (c.market !== market || c.sku !== sku || c.campaignId !== null || c.price < c.regularPrice)
        continue;
      units += c.units;
      cells++;
    }
  }
  return cells > 0 ? (units / cells) * ctx.world.stores(market).length : 0;
}

/** What the pricer's money arithmetic needs about one SKU: prices, costs, stock (the retailer's own data). */
function contextOf(
  ctx: BaselineContext,
  market: string,
  category: string,
  sku: string,
): SkuMarketContext {
  const w = ctx.world;
  const weekly = (s: string) => regularWeekly(ctx, market, s);
  const base = weekly(sku);
  const siblings = (w.skusByCategory[category] ?? []).filter((s) => s !== sku);
  const sibUnits = siblings.reduce((n, s) => n + weekly(s), 0);
  const margin = (s: string) => w.truth.skus[s]!.regularPrice - w.truth.skus[s]!.unitCost;
  const sibMargin =
    sibUnits > 0 ? siblings.reduce((n, s) => n + weekly(s) * margin(s), 0) / sibUnits : 0;
  const t = w.truth.skus[sku]!;
  return {
    sku,
    market,
    regularPrice: t.regularPrice,
    unitCost: t.unitCost,
    baselineWeekly: Array.from({ length: 6 }, () => base),
    storeShare: 1,
    stores: w.stores(market).length,
    hasWebShop: false,
    siblingWeeklyUnits: sibUnits,
    siblingUnitMargin: sibMargin,
    stockAvailable: w.stockOf(market, sku),
    excessUnits: 0,
    excessWeeks: 0,
  };
}

interface Pick {
  c: WorldCampaign;
  margin: number;
  units: number;
}

/** The scenario of one SKU the frozen model prices best, with a positive expected margin and the stock for it. */
function bestFor(
  ctx: BaselineContext,
  pricer: LiftPricer,
  sc: SkuMarketContext,
  category: string,
  start: number,
): Pick | null {
  const media = { ...DEFAULT_MEDIA_COSTS, featurePerWeek: ctx.world.model.ads.featureCostPerWeek };
  const opts = { media, safetyMarginPct: ctx.policy.supply.safetyMarginPct };
  const startDate = addDays(ctx.world.weekEnd(start - 1), 1);
  const mechanics = MECHANICS.filter(
    (m) => !ctx.scope.mechanics || ctx.scope.mechanics.includes(m),
  );
  let best: Pick | null = null;
  for (const mechanic of mechanics) {
    for (const depthPct of DEFAULT_GRID.depthsPct) {
      if (mechanic === "tpr" && depthPct === 0) continue;
      for (const weeks of DEFAULT_GRID.weeks) {
        const s: Scenario = {
          id: "eto",
          sku: sc.sku,
          category,
          market: sc.market,
          mechanic,
          depthPct,
          weeks,
          startDate,
          channels: ["store"],
        };
        const p = pricer.point(s, sc, opts);
        if (!(p.incrementalMargin > 0) || p.stockNeeded > p.stockAvailable) continue;
        if (best && p.incrementalMargin <= best.margin) continue;
        const plannedLift = p.baselineUnits > 0 ? p.promoUnits / p.baselineUnits : 1;
        const c: WorldCampaign = {
          id: `eto-${sc.market}-${sc.sku}-${start}`,
          market: sc.market,
          category,
          sku: sc.sku,
          mechanic,
          depth: depthPct / 100,
          startWeek: start,
          weeks,
          holdout: [],
          plannedLift,
        };
        best = { c, margin: p.incrementalMargin, units: p.promoUnits };
      }
    }
  }
  return best;
}

/**
 * The agent's holdout for a campaign of this baseline: the policy's share, then one campaign in
 * `measureEvery` of the (category, mechanic) measured at a falling share (`rotatingHoldout`), as
 * the agent's, counting the baseline's own campaigns with control stores.
 */
function withHoldout(
  ctx: BaselineContext,
  c: WorldCampaign,
  before: readonly WorldCampaign[],
): WorldCampaign {
  const cell = { measured: 0, sinceMeasured: 0 };
  for (const o of [...ctx.own, ...before]) {
    if (o.category !== c.category || o.mechanic !== c.mechanic) continue;
    if (o.holdout.length === 0) cell.sinceMeasured++;
    else {
      cell.measured++;
      cell.sinceMeasured = 0;
    }
  }
  const { holdoutStoresPct, minHoldoutStores } = ctx.policy.measurement;
  const share = rotatingHoldout(
    cell,
    { holdoutPct: holdoutStoresPct, minHoldout: minHoldoutStores },
    DEFAULT_HOLDOUT_SCHEDULE,
  );
  const startDate = addDays(ctx.world.weekEnd(c.startWeek - 1), 1);
  const key = holdoutKey({ market: c.market, sku: c.sku, startDate });
  return {
    ...c,
    holdout: assignHoldout(ctx.world.stores(c.market), key, { ...share, seed: ctx.seed }),
  };
}

/** Key of the memo entry holding each launched campaign's forecast margin (whole market). */
export const ETO_FORECASTS = "eto-forecasts";

/** The forecast incremental margin of each campaign launched so far, by id (diagnostics read it). */
function forecasts(ctx: BaselineContext): Map<string, number> {
  let m = ctx.memo.get(ETO_FORECASTS) as Map<string, number> | undefined;
  if (!m) ctx.memo.set(ETO_FORECASTS, (m = new Map()));
  return m;
}

/** Each week every free in-scope SKU's best-priced scenario, admitted best first (holdouts if asked). */
function decideEto(ctx: BaselineContext, holdouts: boolean): WorldCampaign[] {
  const out: WorldCampaign[] = [];
  const start = ctx.week + 1;
  const gap = ctx.policy.brand.minWeeksBetweenPromotions;
  for (const m of ctx.world.spec.markets) {
    for (const cat of ctx.world.spec.categories) {
      if (!inScope(ctx.scope, m.id, cat.name)) continue;
      const lift = frozenLift(ctx, cat.name);
      if (!lift) continue;
      const pricer = new LiftPricer(lift, m.id);
      const busy = (sku: string) =>
        ctx.own.some(
          (c) => c.sku === sku && c.market === m.id && c.startWeek + c.weeks + gap > start,
        );
      const picks = cat.skus
        .filter((s) => !busy(s.sku))
        .map((s) => bestFor(ctx, pricer, contextOf(ctx, m.id, cat.name, s.sku), cat.name, start))
        .filter((p): p is Pick => p !== null)
        .sort((a, b) => b.margin - a.margin);
      for (const p of picks) {
        if (!ctx.governor.admits(p.c, [...ctx.history, ...ctx.own, ...out], p.units)) continue;
        out.push(holdouts ? withHoldout(ctx, p.c, out) : p.c);
        forecasts(ctx).set(p.c.id, p.margin);
      }
    }
  }
  return out;
}

/**
 * Estimate-then-optimise: the agent's own model (`fitCategoryLift`, the fit `backtest lift`
 * scores, priced by the agent's `LiftPricer`) fitted once on the pre-pilot history and never
 * updated; each week every free in-scope SKU gets the scenario with the best expected margin,
 * categories' picks admitted best first under the same governance as the agent. No holdouts, no
 * recalibration, no P(margin > 0) rule, no exploration: the agent's decision rule and learning
 * are what it leaves out.
 */
export const estimateThenOptimise: Baseline = {
  name: "estimateOptimise",
  knowsTruth: false,
  decide: (ctx) => decideEto(ctx, false),
};

/**
 * The same, charged the agent's measurement: every campaign keeps the control stores the agent's
 * would (the policy's share, falling as its (category, mechanic) campaigns end). Its gap to
 * `estimateOptimise` is what the holdouts cost; its gap to the agent is the decision rule.
 */
export const estimateThenOptimiseHoldout: Baseline = {
  name: "estimateOptimiseHoldout",
  knowsTruth: false,
  decide: (ctx) => decideEto(ctx, true),
};
