import { z } from "zod";

/**
 * The lines the perception agent draws, with their defaults. Demand rules are statistical tests
 * against the baseline forecast's predictive SD *and* a minimum effect, so a tiny but "significant"
 * wobble in a big series stays quiet and a noisy small series needs a large move.
 */
export const perceptionThresholdsSchema = z.object({
  /** Store (or warehouse) weeks of cover above which stock is excess. */
  excessCoverWeeks: z.number().positive().default(8),
  /** Share of a category's SKU × store positions in a market that must be excess to report the category as one finding. */
  excessCategoryShare: z.number().min(0).max(1).default(0.6),
  /** Weeks of recent sales that define cover (non-promoted weeks only). */
  salesWeeks: z.number().int().min(2).max(26).default(8),
  /** Market on-hand stock (stores and warehouse) over next week's baseline forecast below which a stock-out is likely. In-transit stock is reported, not counted: its arrival date is unknown. */
  stockoutCoverWeeks: z.number().positive().default(1.5),
  /** Competitor price at least this far under our regular price (0.18 = 18 % cheaper). */
  competitorGap: z.number().min(0).max(1).default(0.18),
  /** Only competitor observations from the last N days count. */
  competitorDays: z.number().int().min(1).max(90).default(14),
  /** Latest weeks tested for a spike or dip, each against a baseline fitted without them. */
  recentWeeks: z.number().int().min(1).max(8).default(2),
  /** Family-wise significance level of the spike/dip tests: Bonferroni-divided by the number of weeks tested in the run. */
  demandAlpha: z.number().min(1e-9).max(0.2).default(0.05),
  /** Minimum |log(actual / forecast)| for a spike or dip, at the near edge of its 80 % interval (0.25 ≈ +28 % / −22 %). */
  demandMinEffect: z.number().nonnegative().default(0.25),
  /** Weeks at the end compared with a baseline fitted before them, for a trend (level) shift. */
  trendWindowWeeks: z.number().int().min(4).max(26).default(8),
  /**
   * Family-wise significance level of the level-shift tests: Bonferroni-divided by the number of
   * series tested. 1 %, not 5 %: a level shift is read by planners run after run, and at 5 % a
   * market of 160 series raised a chance "new level" about once in twenty runs.
   */
  trendAlpha: z.number().min(1e-9).max(0.2).default(0.01),
  /** Minimum shift in mean and in median log residual (0.15 ≈ ±16 %). */
  trendMinShift: z.number().nonnegative().default(0.15),
  /** Minimum clean (non-promoted) weeks in the trend window. */
  trendMinWeeks: z.number().int().min(2).default(4),
  /** Weeks of production schedule over which network stock is projected (the planning horizon). */
  supplyHorizonWeeks: z.number().int().min(1).max(26).default(8),
  /**
   * Safety stock of the projection, in weeks of each week's network demand: under one week the
   * network cannot fill next week's shelves from what it holds. Projected stock under it inside
   * the horizon is a shortfall.
   */
  supplySafetyWeeks: z.number().nonnegative().default(1),
  /**
   * Production over the demand it must meet, in the horizon's median week, below which the plan is
   * short whatever the stock: 0.7 is a 30 % shortfall in the typical week. A plan that tracks
   * demand stays above 0.8 (its post-promotion dips included); a short dip leaves the median alone.
   */
  supplyPlanShare: z.number().min(0).max(1).default(0.7),
  /** Weeks of sales history read for baselines. */
  historyWeeks: z.number().int().min(26).max(260).default(104),
});
export type PerceptionThresholds = z.output<typeof perceptionThresholdsSchema>;
export type PerceptionThresholdsInput = z.input<typeof perceptionThresholdsSchema>;
