import { z } from "zod";

/** Tuning of the demand + lift model; defaults were chosen on a time split inside the training weeks. */
export const liftConfigSchema = z.object({
  horizon: z
    .number()
    .int()
    .min(1)
    .default(1)
    .describe("lagged features use actuals through week t−horizon"),
  levelAlpha: z
    .number()
    .gt(0)
    .lte(1)
    .default(0.25)
    .describe("smoothing of the non-promoted log level"),
  trendBeta: z
    .number()
    .min(0)
    .lte(1)
    .default(0.02)
    .describe("smoothing of the level's trend (0 = no trend)"),
  trendDamping: z.number().min(0).lte(1).default(0.9).describe("per-week damping of the trend"),
  promoLevelGain: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe("share of the level gain used on promoted weeks, after removing the predicted lift"),
  weightPower: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe("row weight = baseline units ^ power (WAPE is on units)"),
  ridgeGlobal: z
    .number()
    .nonnegative()
    .default(1)
    .describe("penalty on global coefficients, in rows"),
  ridgeCategory: z
    .number()
    .nonnegative()
    .default(200)
    .describe("shrinkage of category deviations toward global, in rows"),
  ridgeUpc: z
    .number()
    .nonnegative()
    .default(400)
    .describe("shrinkage of UPC deviations toward the category, in rows"),
  forgetting: z
    .number()
    .gt(0)
    .lte(1)
    .default(0.98)
    .describe("weekly decay of evidence when learning online"),
  driftThreshold: z
    .number()
    .gt(1)
    .default(2)
    .describe("a week whose error is this many times the running norm signals drift"),
  driftForgetting: z
    .number()
    .gt(0)
    .lte(1)
    .default(0.7)
    .describe("weekly decay used while drift is signalled"),
  warmupWeeks: z
    .number()
    .int()
    .min(0)
    .default(4)
    .describe("first weeks only warm up the series states"),
});
export type LiftConfig = z.infer<typeof liftConfigSchema>;
export type LiftConfigInput = z.input<typeof liftConfigSchema>;
