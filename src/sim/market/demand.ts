import { activeAt, hasDisplay, hasFeature, type WorldCampaign } from "./campaign.js";
import type { MarketTruth } from "./truth.js";

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

/** The own-promotion multiplier of a campaign for one SKU under the truth. */
export function promoLift(truth: MarketTruth, c: WorldCampaign): number {
  const t = truth.skus[c.sku]!;
  return Math.pow(1 - c.depth, t.elasticity) * Math.exp((hasFeature(c.mechanic) ? t.logFeature : 0) + (hasDisplay(c.mechanic) ? t.logDisplay : 0));
}

/**
 * Mean units (before noise) of one store × SKU × week: level × season × trend × own promotion ×
 * (1 − cannibalisation by promoted siblings) × post-promotion dip × competitor pressure.
 * `exclude` removes one campaign: the counterfactual the causal record is scored against.
 */
export function meanDemand(truth: MarketTruth, p: DemandPoint, campaigns: readonly WorldCampaign[], siblings: readonly string[], exclude?: string): number {
  const t = truth.skus[p.sku]!;
  const season = truth.seasonality[t.category]?.[p.weekOfYear] ?? 0;
  let units = t.baseUnits * (truth.storeSize[p.store] ?? 1) * Math.exp(season + (t.trendPerYear * p.week) / 52);
  const own = activeAt(campaigns, p.market, p.store, p.sku, p.week, exclude);
  if (own) units *= promoLift(truth, own);
  else {
    const prev = activeAt(campaigns, p.market, p.store, p.sku, p.week - 1, exclude);
    if (prev && prev.depth > 0) units *= Math.max(0, 1 - t.postPromoDip * prev.depth);
  }
  let stolen = 0;
  for (const b of siblings) {
    const c = activeAt(campaigns, p.market, p.store, b, p.week, exclude);
    if (c) stolen += (truth.cannibalisation[p.sku]?.[b] ?? 0) * (promoLift(truth, c) - 1);
  }
  units *= Math.max(0.5, 1 - stolen);
  if (p.competitorCut > 0) units *= Math.pow(1 - p.competitorCut, truth.crossElasticity);
  return units;
}

/** The price a store charges for a SKU in a week (the campaign's, or regular). */
export function shelfPrice(truth: MarketTruth, campaigns: readonly WorldCampaign[], market: string, store: string, sku: string, week: number, exclude?: string): number {
  const c = activeAt(campaigns, market, store, sku, week, exclude);
  const regular = truth.skus[sku]!.regularPrice;
  return c && c.depth > 0 ? Math.round(regular * (1 - c.depth) * 100) / 100 : regular;
}
