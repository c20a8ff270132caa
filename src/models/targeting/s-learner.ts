import { fitLogistic, type Design } from "./glm.js";
import type { HillstromRow } from "./hillstrom.js";

/** Light penalty on shared effects; the arm-specific deviations carry the tuned λ. */
const MAIN_PENALTY = 1e-4;

/**
 * S-learner with partial pooling: one logistic model on all arms with arm dummies and arm × feature
 * interactions, the interactions shrunk by `lambda`. Large λ gives an additive arm effect on the
 * log-odds (uplift grows with the baseline rate); small λ approaches the T-learner. Returned as
 * one coefficient vector per arm (shared + arm dummy + arm interactions), so it scores like a T-learner.
 */
export function fitPooledLogistic(
  rows: readonly HillstromRow[],
  d: Design,
  idx: ArrayLike<number>,
  y: ArrayLike<number>,
  lambda: number,
): Float64Array[] {
  const p = d.p;
  const q = p + 2 * p; // shared block, then Mens block, then Womens block (each with its own intercept = arm dummy)
  const x = new Float64Array(rows.length * q);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const arm = rows[i]!.arm;
    for (let j = 0; j < p; j++) {
      const v = d.x[i * p + j]!;
      x[i * q + j] = v;
      if (arm < 2) x[i * q + p * (arm + 1) + j] = v;
    }
  }
  const penalty = Float64Array.from({ length: q }, (_, j) =>
    j < p ? MAIN_PENALTY : j % p === 0 ? MAIN_PENALTY : lambda,
  );
  const beta = fitLogistic({ x, p: q }, idx, y, penalty);
  return [0, 1, 2].map((arm) =>
    Float64Array.from({ length: p }, (_, j) => beta[j]! + (arm < 2 ? beta[p * (arm + 1) + j]! : 0)),
  );
}
