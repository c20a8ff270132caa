import type { DemandState } from "../baseline/demand-state.js";

/** Regressors of log(units) − baseline log(units); names are what explanations cite. */
export const FEATURE_NAMES = [
  "intercept",
  "meanReversion",
  "coldStart",
  "presenceGap",
  "logPriceRatio",
  "logPriceRatioSquared",
  "regularPriceIndex",
  "feature",
  "display",
  "tprOnly",
  "featureXLogPriceRatio",
  "displayXLogPriceRatio",
  "featureXDisplay",
  "ownPromoMemory",
  "storePromoMemory",
  "lastWeekDeviation",
  "continuingPromoLift",
  "subCategoryPromoPressure",
  "categoryPromoPressure",
  "promotedLastWeek",
  "promotedTwoWeeksAgo",
  "promoStreak",
  "weeksSincePromo",
  "promoXRelativeSize",
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export const N_FEATURES = FEATURE_NAMES.length;
const F = Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, i])) as Record<FeatureName, number>;
export const FEATURE_INDEX = F;

/** Features whose coefficients get their own per-UPC deviation (pooled toward the category). */
export const UPC_FEATURES: readonly number[] = [
  F.intercept,
  F.logPriceRatio,
  F.feature,
  F.display,
  F.tprOnly,
  F.featureXLogPriceRatio,
  F.displayXLogPriceRatio,
  F.promotedLastWeek,
];

/** Promo-only features describing the context of a promotion rather than its mechanics. */
export const PROMO_CONTEXT_FEATURES: readonly number[] = [
  F.ownPromoMemory,
  F.storePromoMemory,
  F.continuingPromoLift,
  F.promoStreak,
  F.weeksSincePromo,
  F.promoXRelativeSize,
];

/** What is planned for one series in one week. */
export interface RowPlan {
  price: number;
  basePrice: number;
  feature: number;
  display: number;
  tprOnly: number;
}

/** Share of the other SKUs in the store's subcategory / rest of category promoted that week (0..1). */
export interface PromoPressure {
  subCategory: number;
  category: number;
}

const COLD_OBS = 4;
const MEMORY_PRIOR = 3;
const STORE_MEMORY_PRIOR = 30;

/** Names of the memory features, which are left out of the prediction that memory is measured against. */
export const MEMORY_FEATURES: readonly number[] = [F.ownPromoMemory, F.storePromoMemory];

function shrunkMean(sum: number, n: number, prior: number): number {
  return n > 0 ? sum / (n + prior) : 0;
}
const GAP_CAP = 26;

/** Whether a plan carries any promotion. */
export function isPromoted(plan: RowPlan): boolean {
  return plan.feature === 1 || plan.display === 1 || plan.tprOnly === 1;
}

/**
 * Fill `out` with the regressors of series `s` in week `t` under `plan`, from a state holding actuals
 * through t − horizon (or the last known week, for a scenario); returns the baseline log units.
 * `promoLag` (bit k = promoted k+1 weeks before t) lets a scenario supply its own earlier weeks.
 */
export function buildFeatures(
  state: DemandState,
  s: number,
  t: number,
  horizon: number,
  plan: RowPlan,
  pressure: PromoPressure,
  promoLag: number,
  out: Float64Array,
): number {
  const lvl = state.levelAt(s, t);
  const base = lvl + state.seasonAt(s, t);
  const n = state.nBase[s]!;
  const promo = isPromoted(plan) ? 1 : 0;
  const ratio = Math.min(0.2, Math.max(-1.2, Math.log(plan.price / plan.basePrice)));
  const ref = state.refBasePrice[s]!;
  const regIdx = Number.isNaN(ref)
    ? 0
    : Math.min(0.5, Math.max(-0.5, Math.log(plan.basePrice / ref)));
  const mem = shrunkMean(state.memSum[s]!, state.memN[s]!, MEMORY_PRIOR);
  const st = state.storeIdx(s);
  const storeMem = shrunkMean(state.storeMemSum[st]!, state.storeMemN[st]!, STORE_MEMORY_PRIOR);
  const lastFresh = state.lastSeenWeek[s] === t - horizon ? 1 : 0;
  const lastPromo = Math.max(state.lastPromoWeek[s]!, lastPromoFromLag(promoLag, t));
  const sinceLast = Math.min(GAP_CAP, t - lastPromo);
  out.fill(0);
  out[F.intercept] = 1;
  out[F.meanReversion] = n >= 2 ? state.sumBase[s]! / n - lvl : 0;
  out[F.coldStart] = n < COLD_OBS ? 1 : 0;
  out[F.presenceGap] = state.presence[s]! - 1;
  out[F.logPriceRatio] = ratio;
  out[F.logPriceRatioSquared] = ratio * ratio;
  out[F.regularPriceIndex] = regIdx;
  out[F.feature] = plan.feature;
  out[F.display] = plan.display;
  out[F.tprOnly] = plan.tprOnly;
  out[F.featureXLogPriceRatio] = plan.feature * ratio;
  out[F.displayXLogPriceRatio] = plan.display * ratio;
  out[F.featureXDisplay] = plan.feature * plan.display;
  out[F.ownPromoMemory] = promo * mem;
  out[F.storePromoMemory] = promo * storeMem;
  out[F.lastWeekDeviation] =
    lastFresh * (1 - promo) * (1 - state.lastDevPromo[s]!) * state.lastDev[s]!;
  out[F.continuingPromoLift] = lastFresh * promo * state.lastDevPromo[s]! * state.lastDev[s]!;
  out[F.subCategoryPromoPressure] = pressure.subCategory;
  out[F.categoryPromoPressure] = pressure.category;
  const last1 = promoLag & 1;
  const last2 = (promoLag >> 1) & 1;
  out[F.promotedLastWeek] = last1 * (1 - promo);
  out[F.promotedTwoWeeksAgo] = last2 * (1 - last1) * (1 - promo);
  out[F.promoStreak] = last1 * promo;
  out[F.promoXRelativeSize] = promo * (lvl - state.upcLevel(s));
  // Centred on a ~4-week gap so the promo dummies carry the typical lift.
  out[F.weeksSincePromo] = promo * (Math.log1p(sinceLast) / Math.log1p(GAP_CAP) - 0.5);
  return base;
}

function lastPromoFromLag(lag: number, t: number): number {
  for (let k = 0; k < 8; k++) if ((lag >> k) & 1) return t - 1 - k;
  return -1_000_000;
}
