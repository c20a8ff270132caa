import { z } from "zod";
import { Rng } from "../../demo/rng.js";
import { hasDisplay, hasFeature } from "../campaign.js";
import { defineWorld } from "../world-def.js";

/** Depth at which an ad earns its full effect. */
export const FULL_AD_DEPTH = 0.1;

const params = z.strictObject({ alone: z.record(z.string(), z.number().min(0).max(1)) });

/**
 * An ad without a price cut lifts little: its log effect is scaled by φ + (1 − φ)·min(1, d / 10 %),
 * φ drawn per SKU in 5–25 %. Price and display as in `base`.
 */
export const featureNeedsCutWorld = defineWorld({
  name: "feature-needs-cut",
  description:
    "A feature without a cut lifts little: at full price the ad keeps 5–25 % of its log effect " +
    "(per SKU), growing linearly to the full effect at 10 % off.",
  params,
  drawParams: (seed, { spec }) => {
    const alone: Record<string, number> = {};
    for (const s of spec.categories.flatMap((c) => c.skus))
      alone[s.sku] = Rng.of(seed, "world-fnc", s.sku).between(0.05, 0.25);
    return { alone };
  },
  promoLift: (i, p) => {
    const c = i.campaign;
    const t = i.truth.skus[c.sku]!;
    const phi = p.alone[c.sku] ?? 1;
    const share = phi + (1 - phi) * Math.min(1, c.depth / FULL_AD_DEPTH);
    const ad = hasFeature(c.mechanic) ? share * t.logFeature : 0;
    const disp = hasDisplay(c.mechanic) ? t.logDisplay : 0;
    return Math.pow(1 - c.depth, t.elasticity) * Math.exp(ad + disp);
  },
});
