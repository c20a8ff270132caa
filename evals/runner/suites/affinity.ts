import { join } from "node:path";
import { evaluateAffinity } from "../../../src/models/affinity/index.js";
import { ingestCompleteJourney, openDb } from "../../../src/store/index.js";
import { requireData } from "../data.js";
import { metric } from "../metric.js";
import type { Suite } from "../types.js";

/** Coupon-redeemer ranking on held-back Complete Journey campaigns (ingests the slice into scratch space first). */
export function affinitySuite(): Suite {
  return {
    name: "affinity",
    description:
      "precision@k of predicted coupon redeemers on Complete Journey campaigns held back by time (from 2017-08-01), 500 bootstrap resamples",
    fast: false,
    async run(ctx) {
      const dir = requireData(ctx.dataDir, "complete-journey-8451");
      const db = openDb(join(ctx.tmpDir, "complete-journey.db"));
      try {
        await ingestCompleteJourney(db, dir);
        const r = evaluateAffinity(db, { bootstrap: 500, seed: 1 });
        const metrics = r.pooled.flatMap((p) => [
          metric(`precision@${p.k}, model`, p.precision.model.value),
          metric(`precision@${p.k}, model − random, 90% low end`, p.modelMinusRandom.lo, {
            threshold: 0,
            direction: "min",
            strict: true,
          }),
          metric(`precision@${p.k}, model − past redemptions`, p.modelMinusPastRedemptions.value),
          metric(`precision@${p.k}, coupon affinity alone`, p.precision.couponAffinity.value),
        ]);
        return {
          metrics,
          details: {
            train: r.train,
            heldOut: r.heldOut,
            pooled: r.pooled,
            perCampaign: r.perCampaign,
            warnings: r.warnings,
            seconds: r.seconds,
          },
        };
      } finally {
        db.close();
      }
    },
  };
}
