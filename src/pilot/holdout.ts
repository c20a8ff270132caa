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
}

/**
 * 25 % (the policy's share) while fewer than 3 campaigns of the (category, mechanic) are settled,
 * then down toward 10 % with at least one control store: a mechanic the record knows needs less
 * measurement, and every control store gives up a share of the campaign's gain.
 */
export const DEFAULT_HOLDOUT_SCHEDULE: HoldoutSchedule = {
  learnCampaigns: 3,
  floorPct: 10,
  floorMinStores: 1,
};

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
