import { z } from "zod";

/** An interval's misses on each side: the truth below its low end, above its high end. */
export const coverageSchema = z.strictObject({
  n: z.number().int().nonnegative(),
  below: z.number().int().nonnegative(),
  above: z.number().int().nonnegative(),
  /** Share with the truth inside (null when n = 0). */
  inside: z.number().min(0).max(1).nullable(),
});

/** Sum over the agent's settled campaigns of forecast, holdout-measured and true incremental margin. */
export const incrementalSchema = z.strictObject({
  forecast: z.number(),
  settled: z.number(),
  true: z.number(),
});

/** One seed of one world: every strategy's in-scope contribution margin and the agent's record. */
export const worldSeedSchema = z.strictObject({
  seed: z.number().int(),
  /** Contribution margin in the pilot scope, EUR: agent, none, calendar, upperBound and each baseline. */
  margin: z.record(z.string(), z.number()),
  /** The better truth-knowing bound this seed (`upperBound` or `horizonMip`); null when none played. */
  bound: z.strictObject({ name: z.string(), margin: z.number() }).nullable(),
  incremental: incrementalSchema,
  /** (bound − agent) ÷ (bound − none) against `bound`; null without the agent or when it gains nothing. */
  regret: z.number().nullable(),
  /** The same against the weekly `upperBound` alone (the figure reported before round 3). */
  regretWeeklyBound: z.number().nullable(),
  coverage: z.strictObject({ forecast: coverageSchema, settlement: coverageSchema }),
  campaigns: z.record(z.string(), z.number().int().nonnegative()),
});

/** A mean across seeds with its 90 % interval (Student t on the seeds). */
export const intervalSchema = z.strictObject({
  mean: z.number(),
  lo90: z.number(),
  hi90: z.number(),
});

/** One strategy against no promotion, in % of no promotion's margin, across seeds. */
export const vsNoneSchema = intervalSchema.extend({
  seedsAtLeastNone: z.number().int().nonnegative(),
  seeds: z.number().int().positive(),
});

export const worldSummarySchema = z.strictObject({
  weeks: z.number().int().positive(),
  approveUpTo: z.number().nonnegative(),
  margin: z.record(z.string(), intervalSchema),
  vsNonePct: z.record(z.string(), vsNoneSchema),
  /**
   * Σ(bound − agent) ÷ Σ(bound − none) over seeds, each seed's bound the better of `against`, and
   * the per-seed regrets' mean and interval.
   */
  regret: z.strictObject({
    pooled: z.number().nullable(),
    perSeed: intervalSchema.nullable(),
    against: z.array(z.string()),
  }),
  incremental: incrementalSchema,
  coverage: z.strictObject({ forecast: coverageSchema, settlement: coverageSchema }),
  /** The best baseline that does not read the truth, by mean margin. */
  bestBaseline: z.string().nullable(),
});

/** `autopromo pilot --world(s) … --json`: the contract analysts script against (issue #24). */
export const worldsReportSchema = z.strictObject({
  worlds: z.array(
    z.strictObject({
      world: z.string(),
      seeds: z.array(worldSeedSchema),
      summary: worldSummarySchema,
    }),
  ),
});
export type WorldsReport = z.infer<typeof worldsReportSchema>;
export type WorldSeed = z.infer<typeof worldSeedSchema>;
export type Coverage = z.infer<typeof coverageSchema>;
export type Interval = z.infer<typeof intervalSchema>;
