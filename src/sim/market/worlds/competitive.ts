import { z } from "zod";
import { Rng } from "../../demo/rng.js";
import { baseCompetitorMove } from "../competitor.js";
import { drawTruth } from "../truth.js";
import { defineWorld } from "../world-def.js";

const params = z.strictObject({ matchRate: z.number().min(0).max(1) });

/**
 * The competitor matches cuts: when a price cut of ours starts, it cuts its matching product by
 * the same depth for the same weeks with probability 60–90 % (the same week: it reads our ad
 * plans), in every store of the market. Shoppers are more sensitive to its price
 * (cross-elasticity 0.8–1.5 instead of 0.3–0.7). Otherwise the base competitor.
 */
export const competitiveWorld = defineWorld({
  name: "competitive",
  description:
    "The competitor matches our cuts (same depth, same weeks, 60–90 % of the time) and its price " +
    "matters more (cross-elasticity 0.8–1.5).",
  params,
  drawTruth: (seed, { spec, calibration }) => ({
    ...drawTruth(seed, spec, calibration),
    crossElasticity: Rng.of(seed, "world-competitive", "cross").between(0.8, 1.5),
  }),
  drawParams: (seed) => ({ matchRate: Rng.of(seed, "world-competitive").between(0.6, 0.9) }),
  competitor: (i, p) => {
    const ours = i.campaigns.find(
      (c) => c.market === i.market && c.sku === i.sku && c.startWeek === i.week && c.depth > 0,
    );
    if (ours) return i.rng.chance(p.matchRate) ? { cut: ours.depth, weeks: ours.weeks } : null;
    return baseCompetitorMove(i);
  },
});
