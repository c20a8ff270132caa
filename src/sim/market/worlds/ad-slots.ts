import { z } from "zod";
import { Rng } from "../../demo/rng.js";
import { defineWorld } from "../world-def.js";

/** Range a featured SKU-week's cost is drawn from, EUR (the agent assumes 60). */
export const AD_COST_RANGE = [150, 400] as const;
/** Range of a market ad's weekly slots (featured SKUs across every category). */
export const AD_SLOT_RANGE = [2, 4] as const;

const params = z.strictObject({
  slots: z.number().int().min(0),
  costPerWeek: z.number().nonnegative(),
});

/**
 * The weekly ad is a market-level medium: it has 2–4 slots a week per market (first booked,
 * first served; a campaign without a slot runs without its ad and pays nothing for it), a
 * featured SKU-week costs 150–400 EUR (drawn per seed), and the ad reaches every store of the
 * market, holdouts included. Demand response as in `base`.
 */
export const adSlotsWorld = defineWorld({
  name: "ad-slots",
  description:
    "Features are market-level: 2–4 ad slots per market-week, 150–400 EUR per featured SKU-week, " +
    "seen by every store (holdouts too); demand response as in base.",
  params,
  drawParams: (seed) => {
    const rng = Rng.of(seed, "world-ad-slots");
    return {
      slots: rng.int(AD_SLOT_RANGE[0], AD_SLOT_RANGE[1]),
      costPerWeek: Math.round(rng.between(AD_COST_RANGE[0], AD_COST_RANGE[1])),
    };
  },
  ads: (p) => ({
    slotsPerMarketWeek: p.slots,
    featureCostPerWeek: p.costPerWeek,
    marketWide: true,
  }),
});
