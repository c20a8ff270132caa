import { z } from "zod";
import { designMatrix, type Scaling } from "./features.js";
import { CONTROL, type HillstromRow } from "./hillstrom.js";
import { anyEmailUplift, fitOutcomeOnDesign, learnerSpecSchema, predictOnDesign, type LearnerSpec, type Outcome } from "./learners.js";
import { qiniAucScore } from "./qini.js";
import { permutation, type Uniform } from "./random.js";

/** Mean and standard deviation of a candidate's held-out Qini over the folds. */
export const cvResultSchema = z.object({ spec: learnerSpecSchema, meanQini: z.number(), sdQini: z.number(), folds: z.array(z.number()) });
export type CvResult = z.infer<typeof cvResultSchema>;

/**
 * Default candidates per outcome: T-learners, a partially pooled S-learner (binary outcomes) and the
 * transformed-outcome learner, each over a small λ grid; for binary outcomes also the X- and
 * DR-learners, the merchandise-segment means and a boosted-tree T-learner.
 */
export function defaultCandidates(outcome: Outcome): LearnerSpec[] {
  const grid = [1e-4, 1e-3, 1e-2];
  const t: LearnerSpec[] = outcome === "spend"
    ? [...grid.map((lambda) => ({ kind: "t-two-part" as const, lambda })), ...grid.map((lambda) => ({ kind: "t-ridge" as const, lambda }))]
    : [...grid.map((lambda) => ({ kind: "t-logistic" as const, lambda })), ...[1e-3, 1e-2, 1e-1].map((lambda) => ({ kind: "s-logistic" as const, lambda }))];
  const to = [1e-3, 1e-2, 1e-1].map((lambda) => ({ kind: "transformed-outcome" as const, lambda }));
  if (outcome === "spend") return [...t, ...to];
  // Spend's held-out Qini varies by ±0.1 between folds, too much to tell more learners apart, so
  // these join for binary outcomes only. One heavily regularised boosted T-learner: trees pick up
  // interactions the linear learners cannot, but every fold fit costs seconds, so one setting competes.
  const pseudo = (["x-learner", "dr-learner"] as const).flatMap((kind) => [1e-2, 1e-1].map((lambda) => ({ kind, lambda })));
  const segment: LearnerSpec = { kind: "t-segment", lambda: 1e-4 };
  const trees: LearnerSpec = { kind: "t-gbdt", lambda: 1, trees: 50, depth: 2, rate: 0.1, minChild: 200 };
  return [...t, ...to, ...pseudo, segment, trees];
}

/**
 * Repeated k-fold cross-validation on training rows only: in each of `repeats` seeded fold splits,
 * each candidate is fitted on k−1 folds and scored by the normalised Qini ("any e-mail vs none") on
 * the held-out fold. All candidates share the splits, so they are compared on the same data.
 */
export function crossValidate(rows: readonly HillstromRow[], outcome: Outcome, candidates: readonly LearnerSpec[], scaling: Scaling, k: number, u: Uniform, repeats = 1): CvResult[] {
  const d = designMatrix(rows, scaling);
  const y = Float64Array.from(rows, (r) => r[outcome]);
  const t = Float64Array.from(rows, (r) => (r.arm === CONTROL ? 0 : 1));
  const scores = candidates.map(() => [] as number[]);
  for (let rep = 0; rep < repeats; rep++) {
    const perm = permutation(rows.length, u);
    const foldOf = new Int32Array(rows.length);
    perm.forEach((i, pos) => (foldOf[i] = pos % k));
    for (let f = 0; f < k; f++) {
      const train = Int32Array.from(rows.keys()).filter((i) => foldOf[i] !== f);
      const held = Int32Array.from(rows.keys()).filter((i) => foldOf[i] === f);
      const heldRows = Array.from(held, (i) => rows[i]!);
      const dHeld = designMatrix(heldRows, scaling);
      candidates.forEach((spec, c) => {
        const m = fitOutcomeOnDesign(rows, d, train, outcome, spec, scaling);
        const s = anyEmailUplift(predictOnDesign(m, dHeld, held.length));
        scores[c]!.push(qiniAucScore(Array.from(held, (i) => y[i]!), s, Array.from(held, (i) => t[i]!)));
      });
    }
  }
  return candidates.map((spec, c) => {
    const xs = scores[c]!;
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(xs.length - 1, 1));
    return { spec, meanQini: mean, sdQini: sd, folds: xs };
  });
}

/** The candidate with the best mean held-out Qini. */
export function bestCandidate(results: readonly CvResult[]): CvResult {
  return results.reduce((best, r) => (r.meanQini > best.meanQini ? r : best));
}
