import { z } from "zod";
import { fitLogistic, sigmoid } from "../targeting/glm.js";
import { ModelError } from "../errors.js";
import { AFFINITY_FEATURES, type Example } from "./features.js";

export const affinityModelSchema = z.object({
  features: z.array(z.string()),
  means: z.array(z.number()),
  sds: z.array(z.number()),
  /** Campaign types with their own intercept (the first type seen is the reference). */
  types: z.array(z.string()),
  /** Intercept, one per standardised feature, then one per non-reference type. */
  beta: z.array(z.number()),
  lambda: z.number(),
});
export type AffinityModel = z.infer<typeof affinityModelSchema>;

/**
 * L2 logistic regression of "redeemed" on standardised pre-campaign features, pooled over the
 * training campaigns, with one intercept per campaign type (Type A campaigns redeem far more
 * often; within one campaign that intercept does not change the ranking).
 */
export function fitAffinityModel(
  examples: readonly Example[],
  typeOf: (campaignId: string) => string,
  lambda: number,
): AffinityModel {
  const f = AFFINITY_FEATURES.length;
  const positives = examples.reduce((s, e) => s + e.redeemed, 0);
  if (examples.length === 0 || positives === 0 || positives === examples.length) {
    throw new ModelError(
      "DATA_INVALID",
      `cannot fit the affinity model: ${examples.length} training households, ${positives} redeemers (need both redeemers and non-redeemers)`,
    );
  }
  const means = new Array<number>(f).fill(0);
  const sds = new Array<number>(f).fill(0);
  for (const e of examples) for (let j = 0; j < f; j++) means[j]! += e.x[j]! / examples.length;
  for (const e of examples)
    for (let j = 0; j < f; j++) sds[j]! += (e.x[j]! - means[j]!) ** 2 / examples.length;
  for (let j = 0; j < f; j++) sds[j] = Math.sqrt(sds[j]!) || 1;
  const types = [...new Set(examples.map((e) => typeOf(e.campaignId)))].sort();
  const model: AffinityModel = {
    features: [...AFFINITY_FEATURES],
    means,
    sds,
    types,
    beta: [],
    lambda,
  };
  const p = 1 + f + types.length - 1;
  const x = new Float64Array(examples.length * p);
  examples.forEach((e, i) => x.set(designRow(model, e, typeOf(e.campaignId)), i * p));
  const y = Float64Array.from(examples, (e) => e.redeemed);
  const beta = fitLogistic(
    { x, p },
    Int32Array.from(examples, (_, i) => i),
    y,
    lambda,
  );
  if (!beta.every(Number.isFinite))
    throw new ModelError(
      "SINGULAR_SYSTEM",
      "the affinity model did not converge to finite coefficients",
    );
  return { ...model, beta: [...beta] };
}

function designRow(m: AffinityModel, e: Example, type: string): Float64Array {
  const f = m.features.length;
  const row = new Float64Array(1 + f + m.types.length - 1);
  row[0] = 1;
  for (let j = 0; j < f; j++) row[1 + j] = (e.x[j]! - m.means[j]!) / m.sds[j]!;
  const t = m.types.indexOf(type);
  if (t > 0) row[f + t] = 1;
  return row;
}

/** Predicted redemption probability. */
export function predictAffinity(m: AffinityModel, e: Example, type: string): number {
  const row = designRow(m, e, type);
  let z = 0;
  for (let j = 0; j < row.length; j++) z += row[j]! * m.beta[j]!;
  return sigmoid(z);
}
