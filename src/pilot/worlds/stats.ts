import type { Interval } from "./schema.js";

/** 95th percentile of Student's t by degrees of freedom 1–30 (two-sided 90 % intervals). */
const T95 = [
  6.314, 2.92, 2.353, 2.132, 2.015, 1.943, 1.895, 1.86, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761,
  1.753, 1.746, 1.74, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701,
  1.699, 1.697,
];

/** The mean of `xs` with a 90 % interval (Student t); a single value is its own interval. */
export function meanInterval(xs: readonly number[]): Interval {
  const n = xs.length;
  const mean = n ? xs.reduce((a, b) => a + b, 0) / n : 0;
  if (n < 2) return { mean, lo90: mean, hi90: mean };
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (T95[n - 2] ?? 1.645) * (sd / Math.sqrt(n));
  return { mean, lo90: mean - half, hi90: mean + half };
}
