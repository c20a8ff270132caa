import { z } from "zod";
import { Rng } from "../../demo/rng.js";
import { hasDisplay, hasFeature } from "../campaign.js";
import { storeId } from "../truth.js";
import { defineWorld } from "../world-def.js";

/** Ratio between the most and the least price-sensitive store of a market. */
export const ELASTICITY_SPREAD = 3;

const params = z.strictObject({ storeElasticity: z.record(z.string(), z.number().positive()) });

/**
 * Stores differ in price sensitivity: each market's stores get elasticity multipliers spaced
 * evenly on a log scale from 3^(−½) to 3^(½) (3× between extremes), in a random order per seed,
 * independent of store size. Ads and displays as in `base`.
 */
export const heterogeneousWorld = defineWorld({
  name: "heterogeneous",
  description:
    "Store elasticities vary 3× within a market (multipliers 0.58–1.73, log-spaced, shuffled per seed).",
  params,
  drawParams: (seed, { spec }) => {
    const storeElasticity: Record<string, number> = {};
    for (const m of spec.markets) {
      const ids = Array.from({ length: m.stores }, (_, i) => storeId(m.id, i + 1));
      const order = Rng.of(seed, "world-heterogeneous", m.id).sample(ids, ids.length);
      order.forEach((st, i) => {
        const x = m.stores > 1 ? i / (m.stores - 1) - 0.5 : 0;
        storeElasticity[st] = Math.pow(ELASTICITY_SPREAD, x);
      });
    }
    return { storeElasticity };
  },
  promoLift: (i, p) => {
    const c = i.campaign;
    const t = i.truth.skus[c.sku]!;
    const e = t.elasticity * (p.storeElasticity[i.store] ?? 1);
    const ad = hasFeature(c.mechanic) ? t.logFeature : 0;
    return Math.pow(1 - c.depth, e) * Math.exp(ad + (hasDisplay(c.mechanic) ? t.logDisplay : 0));
  },
});
