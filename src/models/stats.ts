/** Quantile (type 7, linear interpolation) of a numeric sample; NaN for an empty sample. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const pos = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}

/** Median of a numeric sample; NaN for an empty sample. */
export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** Arithmetic mean; NaN for an empty sample. */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] ?? 0;
  return values.length === 0 ? Number.NaN : s / values.length;
}
