import { z } from "zod";
import { protectedCategoriesOf } from "../../policies/builtin/protected-terms.js";
import { TargetingError } from "./errors.js";
import type { ShopperFeatures } from "./hillstrom.js";

/**
 * Model features of the Hillstrom layout: numeric ones plus one-hot dummies (Rural and
 * Multichannel are the reference levels). history enters raw and as log1p because spend is skewed.
 */
export const FEATURE_NAMES = [
  "recency",
  "history",
  "log_history",
  "mens",
  "womens",
  "newbie",
  "zip_code=Urban",
  "zip_code=Surburban",
  "channel=Phone",
  "channel=Web",
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Column means and standard deviations learned on the training rows, so penalties treat features alike. */
export const scalingSchema = z.object({ mean: z.array(z.number()), sd: z.array(z.number()) });
export type Scaling = z.infer<typeof scalingSchema>;

/** Refuse any feature name that touches a protected or vulnerability attribute (EU AI Act Art. 5(1)(b), GDPR Art. 9). */
export function assertPermittedFeatures(names: readonly string[]): void {
  for (const n of names) {
    const cats = protectedCategoriesOf(n);
    if (cats.length) {
      throw new TargetingError(
        "PROTECTED_FEATURE",
        `feature "${n}" is a protected attribute (${cats.join(", ")}) and may not drive targeting`,
        { column: n },
      );
    }
  }
}

/** Raw (unscaled) feature vector of one shopper, in FEATURE_NAMES order. */
export function rawFeatures(s: ShopperFeatures): number[] {
  return [
    s.recency,
    s.history,
    Math.log1p(s.history),
    s.mens,
    s.womens,
    s.newbie,
    s.zipCode === "Urban" ? 1 : 0,
    s.zipCode === "Surburban" ? 1 : 0,
    s.channel === "Phone" ? 1 : 0,
    s.channel === "Web" ? 1 : 0,
  ];
}

/** Fit a scaling on training shoppers. */
export function fitScaling(shoppers: readonly ShopperFeatures[]): Scaling {
  const p = FEATURE_NAMES.length;
  const mean = new Array<number>(p).fill(0);
  const sq = new Array<number>(p).fill(0);
  for (const s of shoppers) rawFeatures(s).forEach((v, j) => ((mean[j]! += v), (sq[j]! += v * v)));
  const n = Math.max(1, shoppers.length);
  const sd = mean.map((m, j) => Math.sqrt(Math.max(sq[j]! / n - (m / n) ** 2, 0)) || 1);
  return { mean: mean.map((m) => m / n), sd };
}

/** Design matrix (row-major, leading 1 for the intercept) of standardised features. */
export function designMatrix(
  shoppers: readonly ShopperFeatures[],
  sc: Scaling,
): { x: Float64Array; n: number; p: number } {
  const p = FEATURE_NAMES.length + 1;
  const x = new Float64Array(shoppers.length * p);
  shoppers.forEach((s, i) => {
    x[i * p] = 1;
    rawFeatures(s).forEach((v, j) => (x[i * p + j + 1] = (v - sc.mean[j]!) / sc.sd[j]!));
  });
  return { x, n: shoppers.length, p };
}
