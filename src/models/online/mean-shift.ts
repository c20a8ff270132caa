import { median } from "../stats.js";

/** How sure and how lasting a shift of a series' mean must be to count as a break. */
export interface MeanShiftOptions {
  /** Least observations on each side of a break. */
  minBefore: number;
  minAfter: number;
  /** Standardised difference of the two sides' means that counts as a break. */
  z: number;
  /** Observations are clipped to ±this before they count. */
  clip: number;
  /** And to the median ± this many noise SDs: one wild value is not a break. */
  winsorSd: number;
}

/**
 * Three observations after a break, four before, a difference of 3 standard errors: about one
 * false alarm in 20–30 steady series of 20, a lasting shift of twice the noise found after three.
 */
export const DEFAULT_MEAN_SHIFT: MeanShiftOptions = {
  minBefore: 4,
  minAfter: 3,
  z: 3,
  clip: 1,
  winsorSd: 3,
};

/**
 * Noise of a series that may hold a step: the median absolute successive difference, which a
 * single step barely moves (a standard deviation estimated around one mean would count the step).
 */
export function successiveNoise(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  return median(xs.slice(1).map((x, i) => Math.abs(x - xs[i]!))) / (0.6745 * Math.SQRT2);
}

/**
 * Where the latest lasting shift of the series' mean began (an index into `xs`), or undefined:
 * the split of the largest standardised difference between the means before and after it, if
 * that passes `z`; then the same on the part after it, so the newest of several breaks is found.
 * The noise is read from the series itself, so one test serves log-unit ratios and margins alike.
 */
export function latestMeanShift(
  raw: readonly number[],
  o: MeanShiftOptions = DEFAULT_MEAN_SHIFT,
): number | undefined {
  const xs = raw.map((x) => (Number.isFinite(x) ? Math.max(-o.clip, Math.min(o.clip, x)) : 0));
  let from = 0;
  let found: number | undefined;
  for (;;) {
    const k = bestSplit(xs.slice(from), o);
    if (k === undefined) return found;
    found = from + k;
    from = found;
  }
}

/** The split of `xs` with the largest standardised mean difference, if it passes `z`. */
function bestSplit(xs: readonly number[], o: MeanShiftOptions): number | undefined {
  const n = xs.length;
  if (n < o.minBefore + o.minAfter) return undefined;
  // A floor on the noise: a flat series would otherwise make any wiggle a break.
  const sd = Math.max(successiveNoise(xs), 1e-3 * o.clip);
  const med = median(xs);
  const prefix = [0];
  for (const x of xs)
    prefix.push(
      prefix.at(-1)! + Math.max(med - o.winsorSd * sd, Math.min(med + o.winsorSd * sd, x)),
    );
  let best: { k: number; z: number } | undefined;
  for (let k = o.minBefore; k <= n - o.minAfter; k++) {
    const before = prefix[k]! / k;
    const after = (prefix[n]! - prefix[k]!) / (n - k);
    const z = Math.abs(after - before) / (sd * Math.sqrt(1 / k + 1 / (n - k)));
    if (!best || z > best.z) best = { k, z };
  }
  return best && best.z > o.z ? best.k : undefined;
}
