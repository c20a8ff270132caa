import { quantile } from "../stats.js";
import { descendingOrder } from "./qini.js";
import type { Uniform } from "./random.js";

/** Shares of customers targeted at which the bands are drawn. */
export const BAND_SHARES = Array.from({ length: 21 }, (_, k) => k / 20);

/** One point of a Qini curve with its bootstrap interval (incremental outcome after the top share). */
export interface QiniBandPoint {
  share: number;
  value: number;
  lo: number;
  hi: number;
}

/** Qini curve height Y_t(m) − Y_c(m)·N_t(m)/N_c(m) after the top m = ⌊n·share⌋ rows of a sample. */
export function qiniAt(
  y: ArrayLike<number>,
  score: ArrayLike<number>,
  t: ArrayLike<number>,
  sample: Int32Array,
  shares: readonly number[],
): number[] {
  const s = Float64Array.from(sample, (i) => score[i]!);
  const order = descendingOrder(s);
  const stops = shares.map((q) => Math.floor(sample.length * q));
  const out: number[] = [];
  let nT = 0,
    nC = 0,
    yT = 0,
    yC = 0,
    k = 0;
  for (const m of stops) {
    for (; k < m; k++) {
      const i = sample[order[k]!]!;
      if (t[i] === 1) {
        nT++;
        yT += y[i]!;
      } else {
        nC++;
        yC += y[i]!;
      }
    }
    out.push(yT - (nC > 0 ? (yC * nT) / nC : 0));
  }
  return out;
}

/** Percentile bootstrap bands of a Qini curve over test rows (models fixed). */
export function qiniBands(
  y: ArrayLike<number>,
  score: ArrayLike<number>,
  t: ArrayLike<number>,
  resamples: number,
  level: number,
  u: Uniform,
): QiniBandPoint[] {
  const n = y.length;
  const full = Int32Array.from({ length: n }, (_, i) => i);
  const point = qiniAt(y, score, t, full, BAND_SHARES);
  const draws = BAND_SHARES.map(() => [] as number[]);
  const sample = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) sample[i] = Math.floor(u() * n);
    qiniAt(y, score, t, sample, BAND_SHARES).forEach((v, j) => draws[j]!.push(v));
  }
  const tail = (1 - level) / 2;
  return BAND_SHARES.map((share, j) => ({
    share,
    value: point[j]!,
    lo: resamples ? quantile(draws[j]!, tail) : point[j]!,
    hi: resamples ? quantile(draws[j]!, 1 - tail) : point[j]!,
  }));
}
