import { Rng } from "../sim/demo/rng.js";

/**
 * A random set of control stores for one campaign: `holdoutPct` of the market's stores, at least
 * `minHoldout`, always leaving one treated. Seeded by the campaign id, so a replay picks the same.
 */
export function assignHoldout(stores: readonly string[], campaignId: string, o: { holdoutPct: number; minHoldout: number; seed: number }): string[] {
  const n = Math.min(stores.length - 1, Math.max(o.minHoldout, Math.round((stores.length * o.holdoutPct) / 100)));
  let h = 0;
  for (let i = 0; i < campaignId.length; i++) h = Math.imul(h ^ campaignId.charCodeAt(i), 0x01000193);
  return Rng.of(o.seed, "holdout", h).sample(stores, Math.max(0, n)).sort();
}
