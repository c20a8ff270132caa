import { z } from "zod";
import { quantile } from "../stats.js";
import type { Uniform } from "./random.js";

/** A figure with its bootstrap percentile interval. */
export const estimateSchema = z.object({ value: z.number(), lo: z.number(), hi: z.number() });
export type Estimate = z.infer<typeof estimateSchema>;

/**
 * Percentile bootstrap over rows: `figures(sample)` returns named figures for a resample (indices,
 * with repeats); the point values come from the full sample, the interval from `resamples` draws.
 */
export function bootstrap(
  n: number,
  resamples: number,
  level: number,
  u: Uniform,
  figures: (sample: Int32Array) => Record<string, number>,
): Record<string, Estimate> {
  const full = Int32Array.from({ length: n }, (_, i) => i);
  const point = figures(full);
  const draws: Record<string, number[]> = Object.fromEntries(
    Object.keys(point).map((k) => [k, []]),
  );
  const sample = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) sample[i] = Math.floor(u() * n);
    const f = figures(sample);
    for (const k of Object.keys(point)) {
      const v = f[k]!;
      if (Number.isFinite(v)) draws[k]!.push(v);
    }
  }
  const tail = (1 - level) / 2;
  return Object.fromEntries(
    Object.entries(point).map(([k, v]) => [
      k,
      {
        value: v,
        lo: resamples ? quantile(draws[k]!, tail) : v,
        hi: resamples ? quantile(draws[k]!, 1 - tail) : v,
      },
    ]),
  );
}
