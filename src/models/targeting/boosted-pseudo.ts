import { z } from "zod";
import {
  ensembleSchema,
  fitGbdt,
  predictEnsemble,
  type Ensemble,
  type GbdtParamsInput,
} from "./gbdt.js";
import type { Design } from "./glm.js";

/** A weighted sum of boosted ensembles on the uplift scale (an X-learner mixes two). */
export const upliftEnsembleSchema = z.object({
  parts: z.array(z.object({ weight: z.number(), ensemble: ensembleSchema })),
});
export type UpliftEnsemble = z.infer<typeof upliftEnsembleSchema>;

/** τ(x) of row i of a design. */
export function predictUpliftEnsemble(u: UpliftEnsemble, d: Design, i: number): number {
  return u.parts.reduce((s, p) => s + p.weight * predictEnsemble(p.ensemble, d, i), 0);
}

/** First-stage settings shared by both learners; the second stage uses the caller's. */
export interface BoostedSettings {
  nuisance: GbdtParamsInput;
  effect: GbdtParamsInput;
  binary: boolean;
}

const lossOf = (binary: boolean): Ensemble["loss"] => (binary ? "logistic" : "squared");
const half = (idx: Int32Array, h: number): Int32Array => idx.filter((_, k) => k % 2 === h);

/**
 * Boosted X-learner (Künzel et al. 2019) for each e-mail vs none: boosted per-arm outcome models
 * impute each shopper's effect, boosted regressions (squared loss) learn it within the treated
 * and within the control rows, mixed by the propensity g = nₐ/(nₐ + n₀): τ = g·τ₀ + (1 − g)·τ₁.
 */
export function fitBoostedX(
  d: Design,
  perArm: readonly Int32Array[],
  y: ArrayLike<number>,
  s: BoostedSettings,
): UpliftEnsemble[] {
  const control = perArm[2]!;
  const mu0 = fitGbdt(d, control, y, lossOf(s.binary), s.nuisance);
  return [0, 1].map((a) => {
    const treated = perArm[a]!;
    const muA = fitGbdt(d, treated, y, lossOf(s.binary), s.nuisance);
    const imputed = new Float64Array(y.length);
    for (const i of treated) imputed[i] = y[i]! - predictEnsemble(mu0, d, i);
    for (const i of control) imputed[i] = predictEnsemble(muA, d, i) - y[i]!;
    const g = treated.length / (treated.length + control.length);
    return {
      parts: [
        { weight: g, ensemble: fitGbdt(d, control, imputed, "squared", s.effect) },
        { weight: 1 - g, ensemble: fitGbdt(d, treated, imputed, "squared", s.effect) },
      ],
    };
  });
}

/**
 * Boosted DR-learner (Kennedy 2023) for each e-mail vs none: the doubly robust pseudo-outcome
 * with boosted outcome models cross-fitted on the other half of the rows and the randomised share
 * e, regressed on the features by boosting (squared loss).
 */
export function fitBoostedDr(
  d: Design,
  perArm: readonly Int32Array[],
  y: ArrayLike<number>,
  s: BoostedSettings,
): UpliftEnsemble[] {
  const control = perArm[2]!;
  return [0, 1].map((a) => {
    const treated = perArm[a]!;
    const e = treated.length / (treated.length + control.length);
    const phi = new Float64Array(y.length);
    for (const h of [0, 1]) {
      const muA = fitGbdt(d, half(treated, 1 - h), y, lossOf(s.binary), s.nuisance);
      const mu0 = fitGbdt(d, half(control, 1 - h), y, lossOf(s.binary), s.nuisance);
      const diff = (i: number): number => predictEnsemble(muA, d, i) - predictEnsemble(mu0, d, i);
      for (const i of half(treated, h)) phi[i] = diff(i) + (y[i]! - predictEnsemble(muA, d, i)) / e;
      for (const i of half(control, h))
        phi[i] = diff(i) - (y[i]! - predictEnsemble(mu0, d, i)) / (1 - e);
    }
    const both = Int32Array.from([...treated, ...control]);
    return { parts: [{ weight: 1, ensemble: fitGbdt(d, both, phi, "squared", s.effect) }] };
  });
}
