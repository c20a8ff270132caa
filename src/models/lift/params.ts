import { z } from "zod";
import { residualBucketSchema } from "../intervals.js";
import { liftConfigSchema } from "./config.js";
import { FEATURE_INDEX as F, FEATURE_NAMES, PROMO_CONTEXT_FEATURES } from "./features.js";
import type { LiftModel } from "./model.js";

const coefficientsSchema = z
  .record(z.enum(FEATURE_NAMES), z.number())
  .describe("coefficient per regressor of log units (log-points)");

/** Headline effects of one UPC, the numbers an explanation cites (log effects add up). */
export const upcEffectsSchema = z.object({
  elasticity: z
    .number()
    .describe("own-price elasticity at a 20 % discount: d log units / d log price"),
  priceCut20Pct: z
    .number()
    .describe("extra units from a 20 % price cut alone (no tag, ad or display), %"),
  tprLiftPct: z
    .number()
    .describe(
      "extra units from a TPR shelf tag with a 20 % cut in this UPC's typical promo context, %, price included",
    ),
  featureLiftPct: z.number().describe("extra units from adding the weekly ad to a 20 % cut, %"),
  displayLiftPct: z
    .number()
    .describe("extra units from adding an in-store display to a 20 % cut, %"),
  subCategoryCannibalisationPct: z
    .number()
    .describe(
      "change in units when every other SKU of the subcategory is promoted, % (negative = cannibalised)",
    ),
  postPromoDipPct: z
    .number()
    .describe("change in units the week after a promotion ends, % (negative = pull-forward)"),
});
export type UpcEffects = z.infer<typeof upcEffectsSchema>;

/** The fitted lift model as plain, inspectable data. */
export const liftParamsSchema = z.object({
  trainedThrough: z.string().describe("last week whose actuals are in the model"),
  config: liftConfigSchema,
  features: z.array(z.enum(FEATURE_NAMES)),
  global: coefficientsSchema,
  categories: z.array(z.object({ category: z.string(), deviation: coefficientsSchema })),
  upcs: z.array(
    z.object({
      upc: z.number().int(),
      category: z.string(),
      coefficients: coefficientsSchema.describe("effective: global + category + UPC deviation"),
      effects: upcEffectsSchema,
    }),
  ),
  seasonality: z.array(z.object({ category: z.string(), weekOfYearLogIndex: z.array(z.number()) })),
  intervals: z
    .object({ buckets: z.array(residualBucketSchema), storeCorrelation: z.number() })
    .nullable()
    .describe("held-out log-residual quantiles that make the 80 % intervals"),
});
export type LiftParams = z.infer<typeof liftParamsSchema>;

function named(v: Float64Array): Record<(typeof FEATURE_NAMES)[number], number> {
  return Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, round(v[i]!)])) as Record<
    (typeof FEATURE_NAMES)[number],
    number
  >;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

const pct = (logPoints: number): number => round((Math.exp(logPoints) - 1) * 100);

/**
 * Headline effects from an effective coefficient vector at a 20 % discount; `context` (mean features
 * of the UPC's promoted rows) adds the typical memory / timing terms to the TPR lift.
 */
export function upcEffects(b: Float64Array, context?: Float64Array): UpcEffects {
  const r = Math.log(0.8);
  const price = b[F.logPriceRatio]! * r + b[F.logPriceRatioSquared]! * r * r;
  let ctx = 0;
  if (context) for (const i of PROMO_CONTEXT_FEATURES) ctx += b[i]! * context[i]!;
  return {
    elasticity: round(b[F.logPriceRatio]! + 2 * b[F.logPriceRatioSquared]! * r),
    priceCut20Pct: pct(price),
    tprLiftPct: pct(b[F.tprOnly]! + price + ctx),
    featureLiftPct: pct(b[F.feature]! + b[F.featureXLogPriceRatio]! * r),
    displayLiftPct: pct(b[F.display]! + b[F.displayXLogPriceRatio]! * r),
    subCategoryCannibalisationPct: pct(b[F.subCategoryPromoPressure]!),
    postPromoDipPct: pct(b[F.promotedLastWeek]!),
  };
}

/** Export a model's parameters as a `LiftParams` object (validated). */
export function liftParams(model: LiftModel): LiftParams {
  const p = model.panel;
  const c = model.coefficients;
  const cal = model.calibration;
  return liftParamsSchema.parse({
    trainedThrough: p.weekDates[model.walker.stateWeek] ?? "",
    config: model.config,
    features: [...FEATURE_NAMES],
    global: named(c.global),
    categories: p.categories.map((category, i) => ({ category, deviation: named(c.category[i]!) })),
    upcs: p.upcs.map((upc, u) => {
      const eff = model.upcCoefficients(u);
      return {
        upc,
        category: p.categories[p.upcCategory[u]!]!,
        coefficients: named(eff),
        effects: upcEffects(eff, model.promoContext[u]),
      };
    }),
    seasonality: p.categories.map((category, i) => ({
      category,
      weekOfYearLogIndex: Array.from(model.seasonality.index[i]!, round),
    })),
    intervals: cal ? { buckets: cal.buckets, storeCorrelation: round(cal.storeCorrelation) } : null,
  });
}
