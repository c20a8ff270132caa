import { z } from "zod";
import { armShares, drScores, foldsOf, outOfFoldLevels, policyValueOn, subDesign } from "./dr.js";
import { designMatrix, type Scaling } from "./features.js";
import { CONTROL, type HillstromRow } from "./hillstrom.js";
import {
  anyEmailUplift,
  fitOutcomeOnDesign,
  learnerSpecSchema,
  predictOnDesign,
  type LearnerSpec,
  type Outcome,
  type OutcomePredictions,
} from "./learners.js";
import { qiniAucScore } from "./qini.js";
import { permutation, type Uniform } from "./random.js";

/**
 * A candidate's held-out figures over the folds: the doubly robust value of its budget policy
 * (the selection criterion) and, for comparison, the normalised Qini.
 */
export const cvResultSchema = z.object({
  spec: learnerSpecSchema,
  meanValue: z.number(),
  sdValue: z.number(),
  valueFolds: z.array(z.number()),
  meanQini: z.number(),
  sdQini: z.number(),
  folds: z.array(z.number()),
});
export type CvResult = z.infer<typeof cvResultSchema>;

/** Reference learners whose out-of-fold levels give the DR scores every candidate is judged by. */
const REFERENCE: Record<Outcome, LearnerSpec> = {
  visit: { kind: "t-logistic", lambda: 1e-3 },
  conversion: { kind: "t-logistic", lambda: 1e-3 },
  spend: { kind: "t-two-part", lambda: 1e-3 },
};

const BOOSTED = { lambda: 1, trees: 50, depth: 2, rate: 0.1, minChild: 200 };
/** The boosted T-learner sizes itself: up to 500 trees, stopped on a fifth of each fit's rows. */
const T_BOOSTED = {
  lambda: 1,
  trees: 500,
  depth: 2,
  rate: 0.05,
  minChild: 50,
  validationShare: 0.2,
};

/**
 * Default candidates per outcome: one setting of each learner family (the λ grids of earlier
 * versions changed the CV figure by less than its fold spread). For binary outcomes the boosted
 * T-, X- and DR-learners join; spend keeps its two-part and linear learners, because its
 * held-out figures vary too much between folds to tell more learners apart.
 */
export function defaultCandidates(outcome: Outcome): LearnerSpec[] {
  if (outcome === "spend") {
    return [
      { kind: "t-two-part", lambda: 1e-3 },
      { kind: "t-ridge", lambda: 1e-3 },
      { kind: "transformed-outcome", lambda: 1e-2 },
    ];
  }
  return [
    // Model averaging of three pooling strengths: the default the others must beat clearly.
    { kind: "blend", lambda: 0 },
    { kind: "t-segment", lambda: 1e-4 },
    { kind: "t-logistic", lambda: 1e-3 },
    // Partial pooling from strong (λ 10: uplift follows the baseline rate) to light.
    { kind: "s-logistic", lambda: 10 },
    { kind: "s-logistic", lambda: 0.1 },
    { kind: "s-logistic", lambda: 1e-2 },
    { kind: "transformed-outcome", lambda: 1e-2 },
    { kind: "x-learner", lambda: 1e-2 },
    { kind: "dr-learner", lambda: 1e-2 },
    { kind: "t-gbdt", ...T_BOOSTED },
    { kind: "x-gbdt", ...BOOSTED },
    { kind: "dr-gbdt", ...BOOSTED },
  ];
}

/**
 * The budget policy of an uplift model: e-mail the top `share` of rows by predicted uplift of
 * any e-mail, each with the e-mail predicted to work better on them; nobody else.
 */
export function budgetPolicy(p: OutcomePredictions, share: number): Int8Array {
  const any = anyEmailUplift(p);
  const n = any.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => any[b]! - any[a]! || a - b,
  );
  const arms = new Int8Array(n).fill(CONTROL);
  for (let k = 0; k < Math.floor(n * share); k++) {
    const i = order[k]!;
    arms[i] = p.uplift[0][i]! >= p.uplift[1][i]! ? 0 : 1;
  }
  return arms;
}

const meanSd = (xs: readonly number[]): [number, number] => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return [m, Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(xs.length - 1, 1))];
};

/**
 * Repeated k-fold cross-validation on training rows only: in each of `repeats` seeded fold
 * splits, each candidate is fitted on k−1 folds; on the held-out fold its budget policy is valued
 * with doubly robust scores (a reference learner's out-of-fold levels, so every candidate is
 * judged by the same yardstick) and its ranking by the normalised Qini.
 */
export function crossValidate(
  rows: readonly HillstromRow[],
  outcome: Outcome,
  candidates: readonly LearnerSpec[],
  scaling: Scaling,
  k: number,
  u: Uniform,
  repeats = 1,
  share = 0.3,
): CvResult[] {
  const d = designMatrix(rows, scaling);
  const y = Float64Array.from(rows, (r) => r[outcome]);
  const arms = Int8Array.from(rows, (r) => r.arm);
  const t = Float64Array.from(rows, (r) => (r.arm === CONTROL ? 0 : 1));
  const qini = candidates.map(() => [] as number[]);
  const value = candidates.map(() => [] as number[]);
  const all = Int32Array.from(rows.keys());
  for (let rep = 0; rep < repeats; rep++) {
    const fold = foldsOf(permutation(rows.length, u), k);
    const mu = outOfFoldLevels(rows, d, outcome, REFERENCE[outcome], scaling, fold, k);
    for (let f = 0; f < k; f++) {
      const train = all.filter((i) => fold[i] !== f);
      const held = all.filter((i) => fold[i] === f);
      // Scores of the held-out rows only, with that fold's own arm shares.
      const local = (v: ArrayLike<number>) => Float64Array.from(held, (i) => v[i]!);
      const heldArms = Int8Array.from(held, (i) => arms[i]!);
      const shares = armShares(heldArms, Int32Array.from(held.keys()), 3);
      const gamma = drScores(heldArms, local(y), mu.map(local), shares);
      const dHeld = subDesign(d, held);
      const ix = Int32Array.from(held.keys());
      candidates.forEach((spec, c) => {
        const m = fitOutcomeOnDesign(rows, d, train, outcome, spec, scaling);
        const p = predictOnDesign(m, dHeld, held.length);
        qini[c]!.push(qiniAucScore(local(y), anyEmailUplift(p), local(t)));
        value[c]!.push(policyValueOn(gamma, budgetPolicy(p, share), ix));
      });
    }
  }
  return candidates.map((spec, c) => {
    const [meanQini, sdQini] = meanSd(qini[c]!);
    const [meanValue, sdValue] = meanSd(value[c]!);
    return { spec, meanValue, sdValue, valueFolds: value[c]!, meanQini, sdQini, folds: qini[c]! };
  });
}

/** The candidate with the best mean held-out DR value of its budget policy. */
export function bestCandidate(results: readonly CvResult[]): CvResult {
  return results.reduce((best, r) => (r.meanValue > best.meanValue ? r : best));
}

/**
 * How variable the learner's uplift ranking is (smaller is steadier): the blend averages three
 * learners' errors away; strongly pooled S-learners let the uplift follow the baseline only,
 * segment means give six cells, and so on up to boosted trees.
 */
export function upliftComplexity(s: LearnerSpec): number {
  if (s.kind === "s-logistic") return s.lambda >= 1 ? 0.5 : s.lambda >= 0.1 ? 1.5 : 2.5;
  const rank: Partial<Record<LearnerSpec["kind"], number>> = {
    blend: 0,
    "t-segment": 1,
    "x-learner": 4,
    "dr-learner": 4,
    "t-gbdt": 5,
    "x-gbdt": 6,
    "dr-gbdt": 6,
  };
  return rank[s.kind] ?? 3;
}

/**
 * The one-standard-error rule (Breiman et al. 1984): the simplest candidate whose held-out value
 * is within one standard error of the best's. The error is that of the paired per-fold
 * differences, so candidates judged on the same folds are compared fairly. The CV value's
 * fold-to-fold noise is several times the gaps between learners; the rule stops that noise from
 * picking a high-variance learner.
 */
export function selectCandidate(results: readonly CvResult[]): CvResult {
  const best = bestCandidate(results);
  const within = results.filter((r) => {
    const d = r.valueFolds.map((v, f) => best.valueFolds[f]! - v);
    const [m, sd] = meanSd(d);
    return m <= sd / Math.sqrt(Math.max(d.length, 1));
  });
  const key = (r: CvResult) => upliftComplexity(r.spec);
  return within.reduce((a, r) =>
    key(r) < key(a) || (key(r) === key(a) && r.meanValue > a.meanValue) ? r : a,
  );
}
