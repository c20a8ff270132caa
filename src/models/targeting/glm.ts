import { solveSpd } from "../linalg.js";

/** Design matrix rows selected by `idx` (all rows when omitted). */
export interface Design {
  x: Float64Array;
  p: number;
}

/** A ridge penalty: one λ for every coefficient, or one per column (column 0, the intercept, is never penalised). */
export type Penalty = number | ArrayLike<number>;

/** Solve (XᵀWX + λI*) β = XᵀWz over the rows in idx; the intercept (column 0) is not penalised. */
function weightedRidge(
  d: Design,
  idx: ArrayLike<number>,
  w: (i: number) => number,
  z: (i: number) => number,
  lambda: Penalty,
): Float64Array {
  const { x, p } = d;
  const a = new Float64Array(p * p);
  const b = new Float64Array(p);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const wi = w(i);
    const zi = z(i);
    const o = i * p;
    for (let r = 0; r < p; r++) {
      const xr = x[o + r]! * wi;
      b[r]! += xr * zi;
      for (let c = 0; c <= r; c++) a[r * p + c]! += xr * x[o + c]!;
    }
  }
  for (let r = 0; r < p; r++) for (let c = 0; c < r; c++) a[c * p + r] = a[r * p + c]!;
  // Penalty scaled by n so λ means the same thing on folds and on the full file.
  for (let r = 1; r < p; r++)
    a[r * p + r]! += (typeof lambda === "number" ? lambda : lambda[r]!) * idx.length;
  a[0]! += 1e-9;
  return solveSpd(a, b, p);
}

/** Linear predictor xᵢ·β. */
export function linear(d: Design, beta: ArrayLike<number>, i: number): number {
  let s = 0;
  const o = i * d.p;
  for (let j = 0; j < d.p; j++) s += d.x[o + j]! * beta[j]!;
  return s;
}

/** Ridge least squares of y on the rows idx. */
export function fitRidge(
  d: Design,
  idx: ArrayLike<number>,
  y: ArrayLike<number>,
  lambda: Penalty,
): Float64Array {
  return weightedRidge(
    d,
    idx,
    () => 1,
    (i) => y[i]!,
    lambda,
  );
}

/** L2-regularised logistic regression by iteratively reweighted least squares (Newton). */
export function fitLogistic(
  d: Design,
  idx: ArrayLike<number>,
  y: ArrayLike<number>,
  lambda: Penalty,
  maxIter = 25,
): Float64Array {
  let beta: Float64Array = new Float64Array(d.p);
  let ybar = 0;
  for (let k = 0; k < idx.length; k++) ybar += y[idx[k]!]!;
  ybar = Math.min(Math.max(ybar / Math.max(idx.length, 1), 1e-4), 1 - 1e-4);
  beta[0] = Math.log(ybar / (1 - ybar));
  for (let it = 0; it < maxIter; it++) {
    const eta = new Float64Array(y.length);
    const mu = new Float64Array(y.length);
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k]!;
      eta[i] = linear(d, beta, i);
      mu[i] = 1 / (1 + Math.exp(-eta[i]!));
    }
    const w = (i: number): number => Math.max(mu[i]! * (1 - mu[i]!), 1e-6);
    const next = weightedRidge(d, idx, w, (i) => eta[i]! + (y[i]! - mu[i]!) / w(i), lambda);
    let delta = 0;
    for (let j = 0; j < d.p; j++) delta = Math.max(delta, Math.abs(next[j]! - beta[j]!));
    beta = next;
    if (delta < 1e-7) break;
  }
  return beta;
}

/** Logistic link. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Ridge least squares on a subset of the design's columns, the first of which must be 0 (the unpenalised intercept); the other coefficients are 0. */
export function fitRidgeOnColumns(
  d: Design,
  idx: ArrayLike<number>,
  y: ArrayLike<number>,
  lambda: number,
  cols: readonly number[],
): Float64Array {
  const n = d.x.length / d.p;
  const q = cols.length;
  const x = new Float64Array(n * q);
  for (let i = 0; i < n; i++) for (let c = 0; c < q; c++) x[i * q + c] = d.x[i * d.p + cols[c]!]!;
  const sub = fitRidge({ x, p: q }, idx, y, lambda);
  const beta = new Float64Array(d.p);
  cols.forEach((j, c) => (beta[j] = sub[c]!));
  return beta;
}
