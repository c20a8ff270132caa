import { fitLogistic, fitRidge, linear, sigmoid, type Design } from "./glm.js";

/** Light ridge penalty of the per-arm outcome (nuisance) models: the T-learner's cross-validated choice on both outcomes. */
const NUISANCE_PENALTY = 1e-3;

/** Per-arm outcome model of the first stage: logistic for a binary outcome, ridge for spend. */
function outcomeModel(
  d: Design,
  idx: Int32Array,
  y: ArrayLike<number>,
  binary: boolean,
): (i: number) => number {
  const beta = binary
    ? fitLogistic(d, idx, y, NUISANCE_PENALTY)
    : fitRidge(d, idx, y, NUISANCE_PENALTY);
  return binary ? (i) => sigmoid(linear(d, beta, i)) : (i) => linear(d, beta, i);
}

/** Rows of `idx` at even (half 0) or odd (half 1) positions: a deterministic split of randomised rows. */
const half = (idx: Int32Array, h: 0 | 1): Int32Array => idx.filter((_, k) => k % 2 === h);

/**
 * X-learner (Künzel et al. 2019) for each e-mail vs none: per-arm outcome models impute each
 * shopper's effect (treated: y − μ₀(x); control: μₐ(x) − y), a ridge fit with penalty `lambda`
 * regresses the imputed effects in each group, and the two fits are mixed by the propensity
 * g = nₐ/(nₐ + n₀): τ = g·τ₀ + (1 − g)·τ₁. Both fits are linear, so τ is one coefficient vector.
 * `perArm` holds the training rows of Mens, Womens and control, in that order.
 */
export function fitXLearner(
  d: Design,
  perArm: readonly Int32Array[],
  y: ArrayLike<number>,
  binary: boolean,
  lambda: number,
): Float64Array[] {
  const control = perArm[2]!;
  const mu0 = outcomeModel(d, control, y, binary);
  return [0, 1].map((a) => {
    const treated = perArm[a]!;
    const muA = outcomeModel(d, treated, y, binary);
    const imputed = new Float64Array(y.length);
    for (const i of treated) imputed[i] = y[i]! - mu0(i);
    for (const i of control) imputed[i] = muA(i) - y[i]!;
    const tau1 = fitRidge(d, treated, imputed, lambda);
    const tau0 = fitRidge(d, control, imputed, lambda);
    const g = treated.length / (treated.length + control.length);
    return tau0.map((b0, j) => g * b0 + (1 - g) * tau1[j]!);
  });
}

/**
 * DR-learner (Kennedy 2023) for each e-mail vs none: the doubly robust pseudo-outcome
 * μₐ − μ₀ + T(y − μₐ)/e − (1 − T)(y − μ₀)/(1 − e), with outcome models cross-fitted on the other
 * half of the rows and the known randomised share e, regressed on the features by ridge (`lambda`).
 */
export function fitDrLearner(
  d: Design,
  perArm: readonly Int32Array[],
  y: ArrayLike<number>,
  binary: boolean,
  lambda: number,
): Float64Array[] {
  const control = perArm[2]!;
  return [0, 1].map((a) => {
    const treated = perArm[a]!;
    const e = treated.length / (treated.length + control.length);
    const phi = new Float64Array(y.length);
    for (const h of [0, 1] as const) {
      const other = (1 - h) as 0 | 1;
      const muA = outcomeModel(d, half(treated, other), y, binary);
      const mu0 = outcomeModel(d, half(control, other), y, binary);
      for (const i of half(treated, h)) phi[i] = muA(i) - mu0(i) + (y[i]! - muA(i)) / e;
      for (const i of half(control, h)) phi[i] = muA(i) - mu0(i) - (y[i]! - mu0(i)) / (1 - e);
    }
    return fitRidge(d, Int32Array.from([...treated, ...control]), phi, lambda);
  });
}
