import { z } from "zod";
import { Rng } from "../../demo/rng.js";
import { basePromoLift } from "../demand.js";
import { promotedWeeks, weeksSincePromotion } from "../memory.js";
import { defineWorld } from "../world-def.js";

/** Weeks of memory shoppers keep of a shelf's promotions. */
export const FATIGUE_WINDOW = 8;

const params = z.strictObject({
  /** Share of the log-lift lost per promoted week in the last `FATIGUE_WINDOW` weeks. */
  decayPerWeek: z.number().min(0).max(1),
  /** Share of the log-lift lost right after a promotion, recovering with `recoveryWeeks`. */
  recoveryDepth: z.number().min(0).max(1),
  recoveryWeeks: z.number().positive(),
});

/**
 * Reference-price memory: shoppers who saw the deal recently respond less. The log-lift of the
 * base world is scaled by e^(−a·k) · (1 − r·e^(−(s−1)/τ)), with k the shelf's promoted weeks in
 * the last 8 (the campaign's own earlier weeks included) and s the weeks since the last one
 * before the campaign started.
 */
export const fatigueWorld = defineWorld({
  name: "fatigue",
  description:
    "Promotion fatigue: the lift decays with the promoted weeks of the last 8 " +
    "(a = 6–12 % of the log-lift per week) and recovers with the weeks since the last promotion " +
    "(r = 40–70 % lost right after, time constant τ = 2–6 weeks).",
  params,
  drawParams: (seed) => {
    const rng = Rng.of(seed, "world-fatigue");
    return {
      decayPerWeek: rng.between(0.06, 0.12),
      recoveryDepth: rng.between(0.4, 0.7),
      recoveryWeeks: rng.between(2, 6),
    };
  },
  promoLift: (i, p) => {
    const shelf = { market: i.market, store: i.store, sku: i.campaign.sku, exclude: i.exclude };
    const k = promotedWeeks(i.campaigns, shelf, i.week - FATIGUE_WINDOW, i.week);
    const s = weeksSincePromotion(i.campaigns, shelf, i.campaign.startWeek, 52);
    const recovered = 1 - p.recoveryDepth * Math.exp(-(s - 1) / p.recoveryWeeks);
    const factor = Math.exp(-p.decayPerWeek * k) * recovered;
    return Math.pow(basePromoLift(i.truth, i.campaign), factor);
  },
});
