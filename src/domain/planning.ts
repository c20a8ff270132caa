/**
 * What governance hands the planner between attempts, and what the planner knows of a scope's
 * promotion calendar: shared by the promotion agent, the revise loop and the policy rules.
 */

/** Limits a blocked verdict names for the next attempt (depth caps, the lawful reference price …). */
export interface RevisionLimits {
  maxDepthPct?: number;
  referencePrice?: number;
  excludeMechanics?: string[];
  maxSpend?: number;
  excludeSkus?: string[];
}

/** A period a SKU is (or was) on promotion in a market: a committed campaign or promoted sales. */
export interface PromotedPeriod {
  sku: string;
  from: string;
  to: string;
}
