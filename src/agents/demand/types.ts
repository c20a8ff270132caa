import type { Finding } from "../../domain/findings.js";

/** The demand agent's view of one SKU in one market. */
export interface SkuDemand {
  sku: string;
  market: string;
  /** Baseline (no-promotion) units per week from next week on. */
  baselineWeekly: number[];
  /** Predictive SD of each week. */
  sdWeekly: number[];
  /** Share of units sold in stores over the recent weeks (the rest online). */
  storeShare: number;
  regularPrice: number;
  /** Unit cost in the market's currency (catalogue cost scaled by the local price level). */
  unitCost: number;
  method: string;
}

/** Baselines for a scope plus the demand findings (spikes, dips, trend shifts) that colour them. */
export interface DemandView {
  asOf: string;
  market: string;
  category: string;
  skus: Record<string, SkuDemand>;
  /** Spike, dip and trend findings in scope: a spike needs no promotion, a dip may. */
  signals: Finding[];
  stores: number;
  hasWebShop: boolean;
  /**
   * A what-if's scale of demand (1 when absent): the promotion agent's lift model forecasts its
   * own baseline, so a changed `baselineWeekly` alone would not reach its plans.
   */
  demandFactor?: number;
}
