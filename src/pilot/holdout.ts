import { Rng } from "../sim/demo/rng.js";

/**
 * A random set of control stores for one campaign: `holdoutPct` of the market's stores, at least
 * `minHoldout`, always leaving one treated. Seeded by `key` (see `holdoutKey`), so a replay picks the same.
 */
export function assignHoldout(stores: readonly string[], key: string, o: { holdoutPct: number; minHoldout: number; seed: number }): string[] {
  const n = Math.min(stores.length - 1, Math.max(o.minHoldout, Math.round((stores.length * o.holdoutPct) / 100)));
  let h = 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return Rng.of(o.seed, "holdout", h).sample(stores, Math.max(0, n)).sort();
}

/**
 * What a campaign's holdout is drawn by: its market, SKU and first day (one campaign of a SKU at a
 * time). Not its id, which carries a random part: holdouts drawn by it changed the world from one
 * run of a seed to the next, so two runs of the same code gave different figures.
 */
export const holdoutKey = (c: { market: string; sku: string; startDate: string }): string => `${c.market}|${c.sku}|${c.startDate}`;
