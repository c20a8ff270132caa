import type { Channel } from "../../domain/channel.js";
import type { Policy } from "../schema.js";
import type { Verification } from "./verify.js";

/**
 * Everything the rules need beyond the proposal, read from the store once by
 * `buildPolicyContext`. Rules are pure functions of (proposal, context), so a verdict can be
 * replayed from a recorded context.
 */

/** A price fact for one SKU in one market and channel; `price` null when no row was found. */
export interface PriceFact {
  sku: string;
  marketId: string;
  channel: Channel;
  price: number | null;
  /** The window searched (inclusive). */
  from: string;
  to: string;
}

/** Spend committed by an approved or launched campaign, spread evenly over its days. */
export interface Commitment {
  campaignId: string;
  category: string;
  markets: string[];
  skus: string[];
  mechanic: string;
  startDate: string;
  endDate: string;
  /** In `currency`: the policy's for commitments recorded since migration 15; null = as recorded before (the market's). */
  amount: number;
  currency?: string | null;
  /** The amount as the proposal wrote it, in its own currency. */
  original?: { amount: number; currency: string | null };
}

/** Stock of one SKU summed over the locations in scope (latest snapshot of each location). */
export interface StockFact {
  sku: string;
  onHand: number;
  inTransit: number;
  onOrder: number;
  /** The oldest of the locations' latest snapshots (ISO instant); null when none. */
  oldestSnapshot: string | null;
  locations: number;
}

export interface PolicyContext {
  policy: Policy;
  policyVersion: string;
  /** The clock's UTC date when the context was built. */
  today: string;
  /** Lowest price_paid per SKU × market × price channel in the 30 days before the start. */
  priorLowestPrices: PriceFact[];
  /** Latest price_paid per SKU × market × price channel up to the day before the start (90-day look-back). */
  currentPrices: PriceFact[];
  stock: StockFact[];
  /** Planned production per SKU from today to the promotion's end. */
  plannedProduction: Record<string, number>;
  /** Days each SKU (scope and category) was or will be on promotion, excluding this proposal. */
  promotedDays: Record<string, string[]>;
  /** Mechanics ever used (sales flags and committed campaigns). */
  usedMechanics: string[];
  /** Markets that have had any promotion. */
  promotedMarkets: string[];
  /** Committed campaigns overlapping the quarters the proposal touches. */
  commitments: Commitment[];
  /** Every SKU of the proposal's category in the product table. */
  categorySkus: string[];
  /** What the proposal's claims were checked against; absent in contexts built without a store. */
  verification?: Verification;
}

/** A context with no store facts at all (for tests and callers without a database). */
export function emptyContext(policy: Policy, policyVersion: string, today: string): PolicyContext {
  return {
    policy,
    policyVersion,
    today,
    priorLowestPrices: [],
    currentPrices: [],
    stock: [],
    plannedProduction: {},
    promotedDays: {},
    usedMechanics: [],
    promotedMarkets: [],
    commitments: [],
    categorySkus: [],
  };
}
