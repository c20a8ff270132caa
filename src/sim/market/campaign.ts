import type { Mechanic } from "../../domain/proposal.js";

/** A promotion running in the simulated world, whoever decided it (agent, calendar, oracle). */
export interface WorldCampaign {
  id: string;
  market: string;
  category: string;
  sku: string;
  mechanic: Mechanic;
  /** Fraction off the regular price, 0 ≤ depth < 1. */
  depth: number;
  /** Week index of the first promoted week. */
  startWeek: number;
  weeks: number;
  /** Control stores that keep the regular shelf (the causal holdout). */
  holdout: readonly string[];
  /** Units multiplier the retailer's replenishment plans stock for. */
  plannedLift: number;
}

/** Media costs of a mechanic (the promotion agent's defaults, so money means the same on both sides). */
export const MEDIA = { featurePerWeek: 60, displayPerStoreWeek: 15 } as const;

export const hasFeature = (m: Mechanic): boolean => m === "feature" || m === "feature_display";
export const hasDisplay = (m: Mechanic): boolean => m === "display" || m === "feature_display";

/** True when `c` runs in week `w` (any store). */
export const runsIn = (c: WorldCampaign, w: number): boolean =>
  w >= c.startWeek && w < c.startWeek + c.weeks;

/** The campaign of `sku` running at `store` in week `w`, if any (holdout stores are never treated). */
export function activeAt(
  campaigns: readonly WorldCampaign[],
  market: string,
  store: string,
  sku: string,
  w: number,
  exclude?: string,
): WorldCampaign | undefined {
  for (const c of campaigns) {
    if (
      c.sku === sku &&
      c.market === market &&
      runsIn(c, w) &&
      c.id !== exclude &&
      !c.holdout.includes(store)
    )
      return c;
  }
  return undefined;
}
