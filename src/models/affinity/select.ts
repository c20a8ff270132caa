import { z } from "zod";
import type { Example } from "./features.js";
import { fitAffinityModel, predictAffinity } from "./model.js";
import { slotsFor } from "./precision.js";

export const LAMBDA_GRID = [0.001, 0.01, 0.1, 1] as const;

export const lambdaSelectionSchema = z.object({
  lambda: z.number(),
  /** Leave-one-training-campaign-out precision at the top share, pooled, per λ tried. */
  cv: z.array(z.object({ lambda: z.number(), precision: z.number(), campaigns: z.number().int() })),
});
export type LambdaSelection = z.infer<typeof lambdaSelectionSchema>;

/**
 * Picks the ridge penalty on the training campaigns only: each is ranked by a model fitted on the
 * others, scored by precision at the top share of its targeted, pooled. The held-back campaigns
 * are never seen. Ties go to the larger penalty (the simpler model).
 */
export function chooseLambda(
  examples: readonly Example[],
  typeOf: (id: string) => string,
  share: number,
  grid: readonly number[] = LAMBDA_GRID,
): LambdaSelection {
  const byCampaign = new Map<string, Example[]>();
  for (const e of examples) {
    let l = byCampaign.get(e.campaignId);
    if (!l) byCampaign.set(e.campaignId, (l = []));
    l.push(e);
  }
  const folds = [...byCampaign.entries()].filter(([, l]) => l.some((e) => e.redeemed));
  const cv = grid.map((lambda) => {
    let hits = 0;
    let slots = 0;
    for (const [id, held] of folds) {
      const rest = examples.filter((e) => e.campaignId !== id);
      if (!rest.some((e) => e.redeemed)) continue;
      const m = fitAffinityModel(rest, typeOf, lambda);
      const s = slotsFor("share", held.length, share)!;
      // Order by score, ties by position: deterministic, and fold order is fixed.
      const ranked = held
        .map((e, i) => ({ p: predictAffinity(m, e, typeOf(id)), y: e.redeemed, i }))
        .sort((a, b) => b.p - a.p || a.i - b.i);
      hits += ranked.slice(0, s).reduce((t, r) => t + r.y, 0);
      slots += s;
    }
    return { lambda, precision: slots ? hits / slots : 0, campaigns: folds.length };
  });
  const best = cv.reduce((a, b) =>
    b.precision > a.precision || (b.precision === a.precision && b.lambda > a.lambda) ? b : a,
  );
  return { lambda: best.lambda, cv };
}
