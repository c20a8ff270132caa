import { z } from "zod";

const share = z.number().min(0).max(1);
const mix = z.strictObject({ tpr: share, feature: share, display: share, feature_display: share });

/** One category's promotion pattern in the raw BTF data (promoted = FEATURE, DISPLAY or TPR_ONLY). */
export const categoryPatternSchema = z.strictObject({
  /** Store-SKU-week rows of the category. */
  rows: z.number().int().nonnegative(),
  /** Share of rows promoted. */
  frequency: share,
  /** Mean length of a run of consecutive promoted weeks of one store × UPC. */
  meanRunWeeks: z.number().min(1),
  /** Depth (1 − PRICE / BASE_PRICE) of promoted rows with a cut, at p05, p10, p25, p50, p75, p90, p95. */
  depthQuantiles: z.array(z.number().min(0).max(1)).length(7),
  /** Mechanic of promoted rows: TPR only, feature, display, feature + display. */
  mix,
  /** Share of each mechanic's rows at full price (no cut). */
  noCut: mix,
  /** Featured rows without a cut ÷ featured rows. */
  featureWithoutCut: share,
});
export type CategoryPattern = z.infer<typeof categoryPatternSchema>;

/** The promotion pattern per category, and pooled, as measured on the BTF transactions. */
export const btfPatternSchema = z.strictObject({
  source: z.string(),
  categories: z.record(z.string(), categoryPatternSchema),
  pooled: z.strictObject({
    frequency: share,
    featureWithoutCut: share,
    depthP10: share,
    depthP90: share,
  }),
});
export type BtfPattern = z.infer<typeof btfPatternSchema>;

/** Quantile levels of `depthQuantiles`. */
export const DEPTH_LEVELS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95] as const;
