/**
 * Precision@k of a fixed ranking on a bootstrap resample, in O(n): the ranking is sorted once;
 * a resample only changes how many copies of each household it holds.
 */
export class RankedCampaign {
  /** Example indices, best score first (ties in a seeded random order). */
  readonly order: Int32Array;

  constructor(scores: ArrayLike<number>, tieBreak: ArrayLike<number>) {
    const idx = Array.from({ length: scores.length }, (_, i) => i);
    idx.sort((a, b) => scores[b]! - scores[a]! || tieBreak[b]! - tieBreak[a]!);
    this.order = Int32Array.from(idx);
  }

  /** Redeemers among the top k of a resample given as copies per example. */
  hitsAtK(copies: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
    let left = k;
    let hits = 0;
    for (let j = 0; j < this.order.length && left > 0; j++) {
      const i = this.order[j]!;
      const take = Math.min(copies[i]!, left);
      if (take > 0) {
        hits += take * labels[i]!;
        left -= take;
      }
    }
    return hits;
  }
}

/** How many to pick from a campaign of n targeted households, or undefined when k does not fit. */
export function slotsFor(k: number | "share", n: number, share: number): number | undefined {
  if (k === "share") return n > 0 ? Math.max(1, Math.ceil(share * n)) : undefined;
  return k <= n ? k : undefined;
}
