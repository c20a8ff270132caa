import { z } from "zod";
import { Rng } from "../../demo/rng.js";
import { hasDisplay, hasFeature } from "../campaign.js";
import { defineWorld } from "../world-def.js";

const skuCurve = z.strictObject({
  /** Depth at which the price response is half built. */
  threshold: z.number().min(0).max(0.6),
  /** Steepness of the ramp (depth units). */
  width: z.number().positive(),
  /** Depth beyond which a deeper cut adds nothing. */
  saturation: z.number().min(0).max(0.9),
});
const params = z.strictObject({ skus: z.record(z.string(), skuCurve) });

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** The ramp from 0 (no cut) to 1 (well past the threshold). */
export function ramp(d: number, c: z.infer<typeof skuCurve>): number {
  const at0 = logistic(-c.threshold / c.width);
  return Math.max(0, (logistic((d - c.threshold) / c.width) - at0) / (1 - at0));
}

/**
 * An S-shaped depth response: shallow cuts go unnoticed, the response builds around a threshold
 * and saturates. Price log-lift = elasticity·ln(1 − min(d, saturation)) · ramp(d); ads and
 * displays as in `base`.
 */
export const sCurveWorld = defineWorld({
  name: "s-curve",
  description:
    "Depth threshold and saturation: per SKU a threshold of 12–22 % off (ramp width 2–4 points) " +
    "below which a cut barely lifts, and a saturation depth of 25–35 % beyond which it adds nothing.",
  params,
  drawParams: (seed, { spec }) => {
    const skus: Record<string, z.infer<typeof skuCurve>> = {};
    for (const s of spec.categories.flatMap((c) => c.skus)) {
      const rng = Rng.of(seed, "world-s-curve", s.sku);
      skus[s.sku] = {
        threshold: rng.between(0.12, 0.22),
        width: rng.between(0.02, 0.04),
        saturation: rng.between(0.25, 0.35),
      };
    }
    return { skus };
  },
  promoLift: (i, p) => {
    const c = i.campaign;
    const t = i.truth.skus[c.sku]!;
    const curve = p.skus[c.sku];
    const d = c.depth;
    const price = curve
      ? t.elasticity * Math.log(1 - Math.min(d, curve.saturation)) * ramp(d, curve)
      : t.elasticity * Math.log(1 - d);
    const ad = hasFeature(c.mechanic) ? t.logFeature : 0;
    return Math.exp(price + ad + (hasDisplay(c.mechanic) ? t.logDisplay : 0));
  },
});
