import { asRun, marketAd } from "./ads.js";
import { activeAt, hasDisplay, hasFeature, type WorldCampaign } from "./campaign.js";
import type { MarketTruth } from "./truth.js";
import type { LiftInput, WorldModel } from "./world-def.js";

/** Everything the true demand of one store × SKU × week depends on besides the campaigns. */
export interface DemandPoint {
  market: string;
  store: string;
  sku: string;
  week: number;
  weekOfYear: number;
  /** Competitor's current cut on its matching product (0 = none). */
  competitorCut: number;
}

/** The world a demand is evaluated in: its model, its truth, and when the pilot starts. */
export interface DemandEnv {
  model: WorldModel;
  truth: MarketTruth;
  pilotStart: number;
}

/** The base world's own-promotion multiplier: constant elasticity × ad × display. */
export function basePromoLift(truth: MarketTruth, c: WorldCampaign): number {
  const t = truth.skus[c.sku]!;
  const ad = hasFeature(c.mechanic) ? t.logFeature : 0;
  const disp = hasDisplay(c.mechanic) ? t.logDisplay : 0;
  return Math.pow(1 - c.depth, t.elasticity) * Math.exp(ad + disp);
}

/** @deprecated name kept for callers of the base world: see `basePromoLift`. */
export const promoLift = basePromoLift;

/** The world's multiplier for `c` on one shelf and week (the ad stripped when it got no slot). */
export function worldLift(
  env: DemandEnv,
  c: WorldCampaign,
  store: string,
  week: number,
  campaigns: readonly WorldCampaign[],
  exclude?: string,
): number {
  const run = asRun(env.model.ads, c, week, campaigns, exclude);
  const input: LiftInput = {
    truth: env.truth,
    campaign: run,
    market: c.market,
    store,
    week,
    campaigns,
    exclude,
    pilotStart: env.pilotStart,
  };
  const lift = env.model.definition.promoLift;
  return lift ? lift(input, env.model.params) : basePromoLift(env.truth, run);
}

/** The shelf's own promotion multiplier, and whether the shelf sits in a post-promotion dip. */
function ownEffect(
  env: DemandEnv,
  p: DemandPoint,
  campaigns: readonly WorldCampaign[],
  exclude?: string,
): number {
  const own = activeAt(campaigns, p.market, p.store, p.sku, p.week, exclude);
  if (own) return worldLift(env, own, p.store, p.week, campaigns, exclude);
  let k = 1;
  // A market-wide ad reaches the holdout shelf too, at the regular price.
  if (env.model.ads.marketWide) {
    const ad = marketAd(env.model.ads, p.market, p.sku, p.week, campaigns, exclude);
    if (ad)
      k *= worldLift(
        env,
        { ...ad, mechanic: "feature", depth: 0 },
        p.store,
        p.week,
        campaigns,
        exclude,
      );
  }
  const prev = activeAt(campaigns, p.market, p.store, p.sku, p.week - 1, exclude);
  const dip = env.truth.skus[p.sku]!.postPromoDip;
  if (prev && prev.depth > 0) k *= Math.max(0, 1 - dip * prev.depth);
  return k;
}

/**
 * Mean units (before noise) of one store × SKU × week: level × season × trend × own promotion ×
 * (1 − cannibalisation by promoted siblings) × post-promotion dip × competitor pressure.
 * `exclude` removes one campaign: the counterfactual the causal record is scored against.
 */
export function meanDemand(
  env: DemandEnv,
  p: DemandPoint,
  campaigns: readonly WorldCampaign[],
  siblings: readonly string[],
  exclude?: string,
): number {
  const { truth } = env;
  const t = truth.skus[p.sku]!;
  const season = truth.seasonality[t.category]?.[p.weekOfYear] ?? 0;
  const size = truth.storeSize[p.store] ?? 1;
  let units = t.baseUnits * size * Math.exp(season + (t.trendPerYear * p.week) / 52);
  units *= ownEffect(env, p, campaigns, exclude);
  let stolen = 0;
  for (const b of siblings) {
    const c = activeAt(campaigns, p.market, p.store, b, p.week, exclude);
    if (!c) continue;
    const lift = worldLift(env, c, p.store, p.week, campaigns, exclude);
    stolen += (truth.cannibalisation[p.sku]?.[b] ?? 0) * (lift - 1);
  }
  units *= Math.max(0.5, 1 - stolen);
  if (p.competitorCut > 0) units *= Math.pow(1 - p.competitorCut, truth.crossElasticity);
  return units;
}

/** The price a store charges for a SKU in a week (the campaign's, or regular). */
export function shelfPrice(
  truth: MarketTruth,
  campaigns: readonly WorldCampaign[],
  market: string,
  store: string,
  sku: string,
  week: number,
  exclude?: string,
): number {
  const c = activeAt(campaigns, market, store, sku, week, exclude);
  const regular = truth.skus[sku]!.regularPrice;
  return c && c.depth > 0 ? Math.round(regular * (1 - c.depth) * 100) / 100 : regular;
}
