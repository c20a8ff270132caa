import type { Design } from "./glm.js";
import { ARMS, type HillstromRow } from "./hillstrom.js";
import { fitOutcomeOnDesign, predictOnDesign, type LearnerSpec, type Outcome } from "./learners.js";
import type { Scaling } from "./features.js";
import { TargetingError } from "./errors.js";

/** Per-arm outcome levels μ_a(x) for every row, one array per arm. */
export type Levels = Float64Array[];

/** Share of the rows idx in each arm: the randomised propensities. */
export function armShares(arms: ArrayLike<number>, idx: ArrayLike<number>, k: number): number[] {
  const n = new Array<number>(k).fill(0);
  for (let j = 0; j < idx.length; j++) n[arms[idx[j]!]!]!++;
  return n.map((c) => c / Math.max(idx.length, 1));
}

/**
 * Doubly robust (AIPW) score of every arm for every row: Γ_a(i) = μ_a(x_i) + 1[A_i = a]·(y_i −
 * μ_a(x_i))/e_a. Its mean under a policy is unbiased for the policy's value whenever the
 * propensities e are right (they are: the arms were randomised), whatever μ is; a good μ only
 * narrows the interval. μ must not have seen row i (cross-fitting) for the interval to hold.
 */
export function drScores(
  arms: ArrayLike<number>,
  y: ArrayLike<number>,
  mu: Levels,
  shares: readonly number[],
): Float64Array[] {
  return mu.map((m, a) => {
    if (!(shares[a]! > 0))
      throw new TargetingError(
        "EMPTY_ARM",
        `no rows in arm ${a}: its doubly robust score is undefined`,
      );
    return Float64Array.from(m, (v, i) => v + (arms[i] === a ? (y[i]! - v) / shares[a]! : 0));
  });
}

/** Mean DR score of a policy (arm per row) over the rows idx. */
export function policyValueOn(
  scores: readonly Float64Array[],
  policy: ArrayLike<number>,
  idx: ArrayLike<number>,
): number {
  let s = 0;
  for (let k = 0; k < idx.length; k++) s += scores[policy[idx[k]!]!]![idx[k]!]!;
  return s / Math.max(idx.length, 1);
}

/** Fold of each row: a seeded permutation dealt round-robin into k folds. */
export function foldsOf(perm: Int32Array, k: number): Int32Array {
  const f = new Int32Array(perm.length);
  perm.forEach((i, pos) => (f[i] = pos % k));
  return f;
}

/**
 * Out-of-fold arm levels of a learner with levels (T-, S-learners, two-part, t-gbdt): each fold's
 * rows are predicted by the learner fitted on the other folds, so the DR score of a row never
 * uses its own outcome.
 */
export function outOfFoldLevels(
  rows: readonly HillstromRow[],
  d: Design,
  outcome: Outcome,
  spec: LearnerSpec,
  scaling: Scaling,
  fold: Int32Array,
  k: number,
): Levels {
  const mu = ARMS.map(() => new Float64Array(rows.length));
  for (let f = 0; f < k; f++) {
    const train = Int32Array.from(rows.keys()).filter((i) => fold[i] !== f);
    const held = Int32Array.from(rows.keys()).filter((i) => fold[i] === f);
    const m = fitOutcomeOnDesign(rows, d, train, outcome, spec, scaling);
    const p = predictOnDesign(m, subDesign(d, held), held.length);
    if (!p.level)
      throw new TargetingError(
        "INVALID_INPUT",
        `${spec.kind} has no arm levels for doubly robust scores`,
      );
    held.forEach((i, j) => ARMS.forEach((_, a) => (mu[a]![i] = p.level![a]![j]!)));
  }
  return mu;
}

/** The rows idx of a design as a design of their own. */
export function subDesign(d: Design, idx: ArrayLike<number>): Design {
  const x = new Float64Array(idx.length * d.p);
  for (let k = 0; k < idx.length; k++)
    x.set(d.x.subarray(idx[k]! * d.p, (idx[k]! + 1) * d.p), k * d.p);
  return { x, p: d.p };
}
