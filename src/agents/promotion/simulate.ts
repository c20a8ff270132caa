import type { Scenario, ScenarioPrediction } from "../../domain/scenario.js";
import type { CategoryEffects, Estimate } from "./effects.js";
import { storeCoverAvailable, type StoreCover } from "./store-cover.js";

/** Costs of running a mechanic, in the market's currency (what the feature ad and display fees cost). */
export interface MediaCosts {
  featurePerWeek: number;
  displayPerStoreWeek: number;
}

export const DEFAULT_MEDIA_COSTS: MediaCosts = { featurePerWeek: 60, displayPerStoreWeek: 15 };

/** What the simulator needs to know about one SKU in one market. */
export interface SkuMarketContext {
  sku: string;
  market: string;
  regularPrice: number;
  unitCost: number;
  /** Baseline (no-promotion) units per week from the promotion's first week on; one more week covers the dip. */
  baselineWeekly: number[];
  /** Share of baseline units sold in stores (the rest online). */
  storeShare: number;
  stores: number;
  hasWebShop: boolean;
  /** Baseline weekly units of the other SKUs in the subcategory, and their unit margin. */
  siblingWeeklyUnits: number;
  siblingUnitMargin: number;
  /** Units the promotion may sell: stock in scope plus production planned over the inventory horizon. */
  stockAvailable: number;
  /**
   * With these, a scenario may only count what reaches the market in time: stock on hand and in
   * transit (stores and DC), plus this market's share of production planned for its first n − 1
   * weeks (a week's output arrives the week after). Counting the whole horizon let promotions
   * through that emptied shelves mid-campaign.
   */
  stockOnHand?: number;
  arrivalsWeekly?: readonly number[];
  /** Each store's stock and share of sales: with it, the stock screen sizes every store's cover. */
  storeCover?: StoreCover;
  /** Units above target cover, and how many weeks they would otherwise sit. */
  excessUnits: number;
  excessWeeks: number;
}

/** Effects as plain numbers (fitted means, or the true parameters in evals). */
export interface EffectPoint {
  elasticity: number;
  logFeature: number;
  logDisplay: number;
  postPromoDip: number;
  cannibalisation: number;
}

export interface SimulationOptions {
  media?: MediaCosts;
  safetyMarginPct?: number;
  /** Weekly carrying cost, fraction of unit cost (25 % a year ≈ 0.005). */
  carryingRatePerWeek?: number;
}

const Z80 = 1.2816;
/** Fixed standard-normal draws (stratified, three shuffled copies) so intervals are deterministic. */
const N_DRAWS = 48;
const BASE = Array.from({ length: N_DRAWS }, (_, i) => inverseNormal((i + 0.5) / N_DRAWS));
const DRAWS = BASE.map(
  (z, i) => [z, BASE[(i * 7 + 3) % N_DRAWS]!, BASE[(i * 11 + 5) % N_DRAWS]!] as const,
);

/**
 * Point prediction of a scenario under given effects (no intervals): units, money, spend, ROI and
 * stock needed. Written into `into` when given: the screen and the interval draws evaluate
 * thousands of scenarios a scope and keep a handful, so they reuse one object rather than
 * allocating (and then garbage-collecting) one per call.
 */
export function scenarioPoint(
  s: Scenario,
  ctx: SkuMarketContext,
  e: EffectPoint,
  opts: SimulationOptions = {},
  into?: PointPrediction,
): PointPrediction {
  const d = s.depthPct / 100;
  const baselineUnits = sumFirst(ctx.baselineWeekly, s.weeks);
  if (s.mechanic === "none" || s.weeks === 0) return nonePoint(s, ctx, baselineUnits, into);
  const feature = s.mechanic === "feature" || s.mechanic === "feature_display";
  const display = s.mechanic === "display" || s.mechanic === "feature_display";
  const webPriced = s.channels.includes("ecommerce") && ctx.hasWebShop;
  const common = feature ? e.logFeature : 0;
  const storeLift = Math.exp(
    e.elasticity * Math.log(1 - d) + common + (display ? e.logDisplay : 0),
  );
  const webLift = Math.exp((webPriced ? e.elasticity * Math.log(1 - d) : 0) + common);
  const storeUnits = baselineUnits * ctx.storeShare * storeLift;
  const webUnits = baselineUnits * (1 - ctx.storeShare) * webLift;
  const relLift = baselineUnits > 0 ? (storeUnits + webUnits) / baselineUnits - 1 : 0;
  const cannibalisedUnits =
    e.cannibalisation * Math.max(0, relLift) * ctx.siblingWeeklyUnits * s.weeks;
  const pulledForwardUnits =
    d > 0
      ? e.postPromoDip * d * (ctx.baselineWeekly[s.weeks] ?? ctx.baselineWeekly.at(-1) ?? 0)
      : 0;
  return pointFromUnits(
    s,
    ctx,
    { baselineUnits, storeUnits, webUnits, webPriced, cannibalisedUnits, pulledForwardUnits },
    opts,
    into,
  );
}

/** "No promotion" (or a zero-week scenario): baseline units, no money moved. */
export function nonePoint(
  s: Scenario,
  ctx: SkuMarketContext,
  baselineUnits: number,
  into?: PointPrediction,
): PointPrediction {
  return Object.assign(into ?? blankPoint(), {
    baselineUnits,
    promoUnits: baselineUnits,
    incrementalUnits: 0,
    cannibalisedUnits: 0,
    pulledForwardUnits: 0,
    netIncrementalUnits: 0,
    liftPct: 0,
    regularPrice: ctx.regularPrice,
    promoPrice: ctx.regularPrice,
    unitCost: ctx.unitCost,
    discountCost: 0,
    mediaCost: 0,
    carryingCostSaved: 0,
    incrementalMargin: 0,
    roi: 0,
    stockNeeded: 0,
    stockAvailable: availableFor(s.weeks, ctx),
  });
}

/** A promoted scenario's units, from whichever model predicted them. */
export interface ScenarioUnits {
  baselineUnits: number;
  /** Promoted-period units in stores and on the web shop (the latter at the promo price when `webPriced`). */
  storeUnits: number;
  webUnits: number;
  webPriced: boolean;
  cannibalisedUnits: number;
  pulledForwardUnits: number;
}

/** Money, ROI and stock of a promoted scenario from its predicted units. */
export function pointFromUnits(
  s: Scenario,
  ctx: SkuMarketContext,
  u: ScenarioUnits,
  opts: SimulationOptions = {},
  into?: PointPrediction,
): PointPrediction {
  const media = opts.media ?? DEFAULT_MEDIA_COSTS;
  const feature = s.mechanic === "feature" || s.mechanic === "feature_display";
  const display = s.mechanic === "display" || s.mechanic === "feature_display";
  const promoPrice = ctx.regularPrice * (1 - s.depthPct / 100);
  const { baselineUnits, storeUnits, webUnits, cannibalisedUnits, pulledForwardUnits } = u;
  const promoUnits = storeUnits + webUnits;
  const incrementalUnits = promoUnits - baselineUnits;
  const netIncrementalUnits = incrementalUnits - cannibalisedUnits - pulledForwardUnits;
  const webPrice = u.webPriced ? promoPrice : ctx.regularPrice;
  const unitMargin = ctx.regularPrice - ctx.unitCost;
  const discountCost =
    storeUnits * (ctx.regularPrice - promoPrice) + webUnits * (ctx.regularPrice - webPrice);
  const mediaCost =
    (feature ? media.featurePerWeek * s.weeks : 0) +
    (display ? media.displayPerStoreWeek * ctx.stores * s.weeks : 0);
  const carryingCostSaved =
    Math.max(0, Math.min(netIncrementalUnits, ctx.excessUnits)) *
    ctx.unitCost *
    (opts.carryingRatePerWeek ?? 0.005) *
    ctx.excessWeeks;
  const incrementalMargin =
    storeUnits * (promoPrice - ctx.unitCost) +
    webUnits * (webPrice - ctx.unitCost) -
    baselineUnits * unitMargin -
    cannibalisedUnits * ctx.siblingUnitMargin -
    pulledForwardUnits * unitMargin -
    mediaCost +
    carryingCostSaved;
  const spend = discountCost + mediaCost;
  // Field by field, not a literal: stores into an existing object's number fields allocate nothing.
  const out = into ?? blankPoint();
  out.baselineUnits = baselineUnits;
  out.promoUnits = promoUnits;
  out.incrementalUnits = incrementalUnits;
  out.cannibalisedUnits = cannibalisedUnits;
  out.pulledForwardUnits = pulledForwardUnits;
  out.netIncrementalUnits = netIncrementalUnits;
  out.liftPct = baselineUnits > 0 ? (incrementalUnits / baselineUnits) * 100 : 0;
  out.regularPrice = ctx.regularPrice;
  out.promoPrice = promoPrice;
  out.unitCost = ctx.unitCost;
  out.discountCost = discountCost;
  out.mediaCost = mediaCost;
  out.carryingCostSaved = carryingCostSaved;
  out.incrementalMargin = incrementalMargin;
  out.roi = spend > 0 ? incrementalMargin / spend : 0;
  out.stockNeeded = promoUnits * (1 + (opts.safetyMarginPct ?? 10) / 100);
  out.stockAvailable = availableFor(s.weeks, ctx, promoUnits, opts.safetyMarginPct ?? 10);
  return out;
}

/** A point prediction to write into (every field a number from the start, so none changes shape). */
export function blankPoint(): PointPrediction {
  return {
    baselineUnits: 0,
    promoUnits: 0,
    incrementalUnits: 0,
    cannibalisedUnits: 0,
    pulledForwardUnits: 0,
    netIncrementalUnits: 0,
    liftPct: 0,
    regularPrice: 0,
    promoPrice: 0,
    unitCost: 0,
    discountCost: 0,
    mediaCost: 0,
    carryingCostSaved: 0,
    incrementalMargin: 0,
    roi: 0,
    stockNeeded: 0,
    stockAvailable: 0,
  };
}

/** The fitted effects' means for one SKU. */
export function pointEffects(fx: CategoryEffects, sku: string): Readonly<EffectPoint> {
  const el: Estimate = fx.elasticityBySku[sku] ?? fx.categoryElasticity;
  const [f, d] = skuMedia(fx, sku);
  return {
    elasticity: el.mean,
    logFeature: f.mean,
    logDisplay: d.mean,
    postPromoDip: fx.postPromoDip,
    cannibalisation: fx.cannibalisation,
  };
}

/** A SKU's feature and display effects (the category's when it has none of its own). */
function skuMedia(fx: CategoryEffects, sku: string): [Estimate, Estimate] {
  return [fx.featureBySku?.[sku] ?? fx.feature, fx.displayBySku?.[sku] ?? fx.display];
}

/**
 * Units a promotion of `weeks` weeks selling `promoUnits` can count on. With the stores' own stock
 * (`SkuMarketContext.storeCover`), every store's shelf is checked week by week against its share
 * (`storeCoverAvailable`): stock one store holds cannot serve another. Without it, the market's
 * stock and what reaches it in time (`arrivalsWeekly`) less a promoted week kept on the shelves,
 * a stand-in for the stores' cover when the DC runs low.
 */
export function availableFor(
  weeks: number,
  ctx: SkuMarketContext,
  promoUnits = (ctx.baselineWeekly[0] ?? 0) * Math.max(1, weeks),
  safetyPct = 10,
): number {
  if (ctx.stockOnHand === undefined || !ctx.arrivalsWeekly) return ctx.stockAvailable;
  if (ctx.storeCover)
    return storeCoverAvailable(weeks, ctx.storeCover, ctx.arrivalsWeekly, promoUnits, safetyPct);
  return Math.max(
    0,
    Math.round(
      ctx.stockOnHand + sumFirst(ctx.arrivalsWeekly, weeks - 1) - promoUnits / Math.max(1, weeks),
    ),
  );
}

/** A scenario's prediction before its intervals: enough to screen and rank thousands of candidates. */
export type PointPrediction = Omit<ScenarioPrediction, "interval80">;

/** Point prediction of a scenario under the fitted effects' means, with spend, ROI and stock needed. */
export function predictPoint(
  s: Scenario,
  ctx: SkuMarketContext,
  fx: CategoryEffects,
  opts: SimulationOptions = {},
  into?: PointPrediction,
): PointPrediction {
  return scenarioPoint(s, ctx, pointEffects(fx, s.sku), opts, into);
}

/**
 * Adds 80 % intervals to a point prediction: the effects' parameter spread by fixed draws, and
 * weekly noise on the sum over stores × weeks. Costs ~50 point evaluations, so the agent only
 * pays it for the candidates it keeps.
 */
export function withInterval(
  s: Scenario,
  ctx: SkuMarketContext,
  fx: CategoryEffects,
  p: PointPrediction,
  opts: SimulationOptions = {},
): ScenarioPrediction {
  const promoted = s.mechanic !== "none";
  const draws = promoted ? DRAWS : [];
  const mean = pointEffects(fx, s.sku);
  const el = fx.elasticityBySku[s.sku] ?? fx.categoryElasticity;
  const [f, d] = skuMedia(fx, s.sku);
  const margins = new Float64Array(draws.length);
  const units = new Float64Array(draws.length);
  // One effects object and one prediction for all the draws: only two numbers of each are kept.
  const drawn: EffectPoint = { ...mean };
  const q = blankPoint();
  draws.forEach(([z1, z2, z3], i) => {
    drawn.elasticity = el.mean + z1 * el.sd;
    drawn.logFeature = mean.logFeature + z2 * f.sd;
    drawn.logDisplay = mean.logDisplay + z3 * d.sd;
    scenarioPoint(s, ctx, drawn, opts, q);
    margins[i] = q.incrementalMargin;
    units[i] = q.promoUnits;
  });
  margins.sort();
  units.sort();
  const at = (xs: Float64Array, q: number, centre: number) =>
    xs.length ? quantileSorted(xs, q) : centre;
  // Weekly noise on a sum of stores × weeks shrinks with their count; parameter spread adds to it.
  const noise =
    fx.residualSd /
    Math.sqrt(Math.max(1, (ctx.stores + (ctx.hasWebShop ? 1 : 0)) * Math.max(1, s.weeks)));
  const unitLo = Math.min(at(units, 0.1, p.promoUnits), p.promoUnits * Math.exp(-Z80 * noise));
  const unitHi = Math.max(at(units, 0.9, p.promoUnits), p.promoUnits * Math.exp(Z80 * noise));
  const unitMargin = Math.max(0, p.promoPrice - ctx.unitCost);
  return {
    ...p,
    interval80: {
      promoUnits: [unitLo, unitHi],
      incrementalUnits: [unitLo - p.baselineUnits, unitHi - p.baselineUnits],
      incrementalMargin: promoted
        ? [
            Math.min(
              at(margins, 0.1, p.incrementalMargin),
              p.incrementalMargin - (p.promoUnits - unitLo) * unitMargin,
            ),
            Math.max(
              at(margins, 0.9, p.incrementalMargin),
              p.incrementalMargin + (unitHi - p.promoUnits) * unitMargin,
            ),
          ]
        : [0, 0],
    },
  };
}

/** Simulates a scenario with the fitted effects: point prediction, 80 % intervals and stock needed. */
export function simulateScenario(
  s: Scenario,
  ctx: SkuMarketContext,
  fx: CategoryEffects,
  opts: SimulationOptions = {},
): ScenarioPrediction {
  return withInterval(s, ctx, fx, predictPoint(s, ctx, fx, opts), opts);
}

/** Sum of the first `n` values (all of them when there are fewer); called once per screened scenario. */
function sumFirst(xs: readonly number[], n: number): number {
  let t = 0;
  for (let i = 0; i < n && i < xs.length; i++) t += xs[i]!;
  return t;
}

/** Linear-interpolated quantile of an ascending array. */
function quantileSorted(s: Float64Array, q: number): number {
  const i = q * (s.length - 1);
  const lo = Math.floor(i);
  return s[lo]! + (s[Math.ceil(i)]! - s[lo]!) * (i - lo);
}

/** Acklam's rational approximation of the standard normal quantile (enough for interval draws). */
function inverseNormal(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798599, 66.8013118877158, -13.28068155288572,
  ];
  const c = [
    -0.00778489400243029, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.37466414146497, 2.93816398269878,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  const poly = (k: number[], x: number) => k.reduce((s, v) => s * x + v, 0);
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(c, q) / (poly(d, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}
