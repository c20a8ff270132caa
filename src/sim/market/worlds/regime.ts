import { z } from "zod";
import { Rng } from "../../demo/rng.js";
import { hasDisplay, hasFeature } from "../campaign.js";
import { defineWorld } from "../world-def.js";

/** The pilot week (0-based) from which the new regime holds: the 13th week of the pilot. */
export const REGIME_CHANGE_PILOT_WEEK = 12;

const params = z.strictObject({
  changeWeek: z.number().int().min(0),
  elasticityFactor: z.number().positive(),
  adFactor: z.number().min(0),
});

/**
 * A regime change mid-pilot: from pilot week 13 (absolute week historyWeeks + 12) shoppers
 * respond less to price (elasticity × 0.5–0.7) and to ads and displays (log effects × 0.4–0.6).
 * Before it the world is `base`.
 */
export const regimeWorld = defineWorld({
  name: "regime",
  description:
    "Elasticity ×0.5–0.7 and ad/display log effects ×0.4–0.6 from the 13th pilot week on " +
    "(the history and the first 12 pilot weeks are base).",
  params,
  drawParams: (seed, { spec }) => {
    const rng = Rng.of(seed, "world-regime");
    return {
      changeWeek: spec.historyWeeks + REGIME_CHANGE_PILOT_WEEK,
      elasticityFactor: rng.between(0.5, 0.7),
      adFactor: rng.between(0.4, 0.6),
    };
  },
  promoLift: (i, p) => {
    const c = i.campaign;
    const t = i.truth.skus[c.sku]!;
    const after = i.week >= p.changeWeek;
    const e = t.elasticity * (after ? p.elasticityFactor : 1);
    const k = after ? p.adFactor : 1;
    const ad = hasFeature(c.mechanic) ? t.logFeature : 0;
    const disp = hasDisplay(c.mechanic) ? t.logDisplay : 0;
    return Math.pow(1 - c.depth, e) * Math.exp(k * (ad + disp));
  },
});
