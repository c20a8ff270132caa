/**
 * Where the four planted situations go and how strong they are. Fixed (not drawn from the seed)
 * so that the manifest's subjects are the same for every seed; only the noise around them varies.
 */
export const PLAN = {
  /** UK frozen: a double delivery lands 4 weeks before the end and nothing sells it down. */
  excess: { market: "UK", category: "frozen", arrivesWeeksBeforeEnd: 4, extraWeeksOfDemand: 18 },
  /** ValueMart cuts Sea Salt Chips to 72 % of our US-EAST regular price for the last 2 weeks. */
  competitor: {
    market: "US-EAST",
    competitor: "ValueMart",
    sku: "SNK-01",
    weeks: 2,
    priceRatio: 0.72,
    promoText: "Rollback! Save 28% this week only",
  },
  /** Chili Lime Tortilla Chips go viral in Canada: demand × 1.3 then × 3.8 in the last two weeks, at regular price. */
  spike: {
    market: "CA",
    sku: "SNK-03",
    ramp: [1.3, 3.8] as const,
    searchRamp: [1.2, 1.45, 1.9] as const,
    mentionsRamp: [4, 12] as const,
  },
  /** Bremen's cola line breaks down: ships 40 % of store orders for the last 4 weeks and plans 40 % of demand for 8 more. */
  shortfall: {
    plant: "PLANT-BREMEN",
    market: "DE",
    sku: "BEV-01",
    historyWeeks: 4,
    storeFill: 0.4,
    warehouseCover: [0.7, 0.45, 0.25, 0.12] as const,
    planRatio: 0.4,
    capacityRatio: 0.45,
    horizonWeeks: 8,
  },
  /** Planted subjects run no promotion in their last weeks, so baselines are clean and lifts unexplained. */
  quietWeeks: 12,
  /** No competitor runs any promotion in the last weeks except the planted one. */
  competitorQuietWeeks: 8,
} as const;

/** Weeks of production schedule published after the last sales week. */
export const HORIZON_WEEKS = PLAN.shortfall.horizonWeeks;

/** True when (market, sku, category) is a planted subject that must stay promotion-free at the end. */
export function isQuietSubject(market: string, sku: string, category: string): boolean {
  return (
    (market === PLAN.excess.market && category === PLAN.excess.category) ||
    (market === PLAN.competitor.market && sku === PLAN.competitor.sku) ||
    (market === PLAN.spike.market && sku === PLAN.spike.sku) ||
    sku === PLAN.shortfall.sku
  );
}
