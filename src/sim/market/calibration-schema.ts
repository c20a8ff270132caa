import { z } from "zod";

/** A distribution summary of one effect across the fitted UPCs of a category. */
export const spreadSchema = z.strictObject({
  mean: z.number(),
  sd: z.number().nonnegative(),
  p10: z.number(),
  p90: z.number(),
});
export type Spread = z.infer<typeof spreadSchema>;

/** One category's effect distributions, in the simulator's terms. */
export const categoryCalibrationSchema = z.strictObject({
  upcs: z.number().int().positive(),
  /** Own-price elasticity at a 20 % cut (negative). */
  elasticity: spreadSchema,
  /** Log multipliers of the weekly ad and an in-store display on top of a 20 % cut. */
  logFeature: spreadSchema,
  logDisplay: spreadSchema,
  /** Change in units when every other SKU of the subcategory is promoted, as a positive share lost. */
  subcategoryCannibalisation: spreadSchema,
  /** Share of a week's baseline lost in the week after a promotion (pull-forward), positive. */
  postPromoDip: spreadSchema,
  /** Week-of-year log index (52 values, mean 0). */
  seasonality: z.array(z.number()).length(52),
});
export type CategoryCalibration = z.infer<typeof categoryCalibrationSchema>;

/** The calibration file: effect distributions fitted once on the dunnhumby data. */
export const calibrationSchema = z.strictObject({
  source: z.string(),
  trainedThrough: z.string(),
  /** Log-scale sd of store × SKU × week noise (held-out, non-promoted, mid-volume residuals). */
  noiseSd: z.number().positive(),
  /** Correlation of log residuals between stores in the same SKU-week. */
  storeCorrelation: z.number(),
  categories: z.record(z.string(), categoryCalibrationSchema),
});
export type Calibration = z.infer<typeof calibrationSchema>;
