import { Rng } from "../sim/demo/rng.js";

/**
 * A random set of control stores for one campaign: `holdoutPct` of the market's stores, at least
 * `minHoldout`, always leaving one treated. Seeded by `key` (see `holdoutKey`), so a replay picks the same.
 */
export function assignHoldout(
  stores: readonly string[],
  key: string,
  o: { holdoutPct: number; minHoldout: number; seed: number },
): string[] {
  const n = Math.min(
    stores.length - 1,
    Math.max(o.minHoldout, Math.round((stores.length * o.holdoutPct) / 100)),
  );
  let h = 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return Rng.of(o.seed, "holdout", h).sample(stores, Math.max(0, n)).sort();
}

/**
 * What a campaign's holdout is drawn by: its market, SKU and first day (one campaign of a SKU at a
 * time). Not its id, which carries a random part: holdouts drawn by it changed the world from one
 * run of a seed to the next, so two runs of the same code gave different figures.
 */
export const holdoutKey = (c: { market: string; sku: string; startDate: string }): string =>
  `${c.market}|${c.sku}|${c.startDate}`;

/** How a campaign's holdout share falls as settled evidence for its (category, mechanic) grows. */
export interface HoldoutSchedule {
  /** Settled campaigns of the (category, mechanic) below which the policy's share is kept. */
  learnCampaigns: number;
  /** Share (percent of the market's stores) it falls toward once they are settled. */
  floorPct: number;
  /** Least control stores once they are settled (the policy's minimum holds before). */
  floorMinStores: number;
  /**
   * Once the cell has `learnCampaigns` measured, one campaign in this many keeps control stores
   * (the rest run in every store): the record stays fresh, a break is still seen, and most
   * campaigns stop giving up their control stores' gain. 1 measures every campaign.
   */
  measureEvery: number;
}

/**
 * 25 % (the policy's share) while fewer than 3 campaigns of the (category, mechanic) are
 * measured, then one campaign in 3 measured, its share down toward 10 % with at least one
 * control store: a mechanic the record knows needs less measurement, and every control store
 * gives up a share of the campaign's gain (27–67 % of the agent's gap to estimate-then-optimise
 * in round 3, the largest single cause in round 4's diagnosis, docs/pilot.md).
 */
export const DEFAULT_HOLDOUT_SCHEDULE: HoldoutSchedule = {
  learnCampaigns: 3,
  floorPct: 10,
  floorMinStores: 1,
  measureEvery: 3,
};

/** What a (category, mechanic) cell's record holds when its next campaign is launched. */
export interface CellMeasurement {
  /** Campaigns with control stores, settled or still running (since the latest break). */
  measured: number;
  /** The cell's campaigns launched without control stores since its last measured one. */
  sinceMeasured: number;
}

/** No control stores: the campaign runs in every store and is not settled against a holdout. */
export const NO_HOLDOUT = { holdoutPct: 0, minHoldout: 0 } as const;

/**
 * The holdout of a cell's next campaign: the policy's share until `learnCampaigns` are measured,
 * then every `measureEvery`-th campaign measured at the falling share (`holdoutFor`), the others
 * none.
 */
export function rotatingHoldout(
  cell: CellMeasurement,
  policy: { holdoutPct: number; minHoldout: number },
  s: HoldoutSchedule = DEFAULT_HOLDOUT_SCHEDULE,
): { holdoutPct: number; minHoldout: number } {
  if (!(cell.measured >= s.learnCampaigns)) return policy;
  if (cell.sinceMeasured + 1 < s.measureEvery) return NO_HOLDOUT;
  return holdoutFor(cell.measured, policy, s);
}

/**
 * The holdout a campaign gets after `settled` campaigns of its (category, mechanic): the policy's
 * share and minimum until `learnCampaigns`, then `floor + (policy − floor) · learn / settled`.
 */
export function holdoutFor(
  settled: number,
  policy: { holdoutPct: number; minHoldout: number },
  s: HoldoutSchedule = DEFAULT_HOLDOUT_SCHEDULE,
): { holdoutPct: number; minHoldout: number } {
  if (!(settled >= s.learnCampaigns) || policy.holdoutPct <= s.floorPct) return policy;
  const pct = s.floorPct + ((policy.holdoutPct - s.floorPct) * s.learnCampaigns) / settled;
  return { holdoutPct: pct, minHoldout: Math.min(policy.minHoldout, s.floorMinStores) };
}
