import { z } from "zod";
import { normalUpperQuantile } from "../../tools/forecast/normal.js";
import { foldsOf, policyValueOn } from "./dr.js";
import {
  applyPolicyTreeToMatrix,
  fitPolicyTree,
  policyTreeParamsSchema,
  policyTreeSchema,
  type PolicyData,
} from "./policy-tree.js";
import { permutation, type Uniform } from "./random.js";

/** How the policy is learned and checked. */
export const policyLearningSchema = z.object({
  folds: z.number().int().min(2).max(20).default(5),
  repeats: z.number().int().min(1).max(20).default(2),
  /** Two-sided level of the gain's interval; the tree is used only if its lower end is above 0. */
  level: z.number().gt(0).lt(1).default(0.9),
  tree: policyTreeParamsSchema.default({ depth: 2, minLeafShare: 0.05, cuts: 16 }),
});
export type PolicyLearningInput = z.input<typeof policyLearningSchema>;

/** Cross-validated gain of the tree over the best single action, per row of held-out DR scores. */
export const policyGainSchema = z.object({
  mean: z.number(),
  lo: z.number(),
  hi: z.number(),
  /** Mean gain on each held-out fold, every repeat: the spread a reader should see. */
  folds: z.array(z.number()),
});
export type PolicyGain = z.infer<typeof policyGainSchema>;

/** The learned policy: the tree, the fallback action, which one is used and why. */
export const learnedPolicySchema = z.object({
  tree: policyTreeSchema,
  fallback: z.number().int().nonnegative(),
  useTree: z.boolean(),
  gain: policyGainSchema,
  why: z.string(),
});
export type LearnedPolicy = z.infer<typeof learnedPolicySchema>;

const mean = (v: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s / Math.max(v.length, 1);
};

const argmaxMean = (scores: readonly Float64Array[], idx: ArrayLike<number>, among: readonly number[]): number => {
  let best = among[0]!;
  let bestV = -Infinity;
  for (const a of among) {
    let v = 0;
    for (let k = 0; k < idx.length; k++) v += scores[a]![idx[k]!]!;
    if (v > bestV) [best, bestV] = [a, v];
  }
  return best;
};

/**
 * The action with the largest mean DR score over rows idx. With `tieBreak` scores, every action
 * whose paired difference from that best is not below 0 with confidence (z) is a tie, and the tie
 * goes to the best on `tieBreak` (e.g. visits when noisy spend cannot separate two e-mails).
 */
export function bestSingleAction(scores: readonly Float64Array[], idx: ArrayLike<number>, tieBreak?: readonly Float64Array[], z = 1.645): number {
  const all = scores.map((_, a) => a);
  const best = argmaxMean(scores, idx, all);
  if (!tieBreak) return best;
  const n = idx.length;
  const tied = all.filter((a) => {
    if (a === best) return true;
    let m = 0;
    let q = 0;
    for (let k = 0; k < n; k++) {
      const dlt = scores[a]![idx[k]!]! - scores[best]![idx[k]!]!;
      m += dlt;
      q += dlt * dlt;
    }
    m /= Math.max(n, 1);
    const se = Math.sqrt(Math.max(q / Math.max(n, 1) - m * m, 0) / Math.max(n - 1, 1));
    return m + z * se >= 0;
  });
  return argmaxMean(tieBreak, idx, tied);
}

/**
 * Learn a policy tree on DR scores and keep it only if repeated k-fold cross-validation shows a
 * gain over the best single action whose lower bound is above zero; otherwise every row gets
 * the best single action. In each fold the tree and the single action are both chosen on the
 * other folds, so the held-out gain is what choosing by this procedure earns.
 */
export function learnPolicy(d: PolicyData, input: PolicyLearningInput, u: Uniform, tieBreak?: readonly Float64Array[]): LearnedPolicy {
  const o = policyLearningSchema.parse(input);
  const z = normalUpperQuantile((1 - o.level) / 2);
  const n = d.scores[0]!.length;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const foldGains: number[] = [];
  const means: number[] = [];
  const ses: number[] = [];
  for (let r = 0; r < o.repeats; r++) {
    const fold = foldsOf(permutation(n, u), o.folds);
    const g = new Float64Array(n);
    for (let f = 0; f < o.folds; f++) {
      const train = all.filter((i) => fold[i] !== f);
      const held = all.filter((i) => fold[i] === f);
      const tree = fitPolicyTree(d, o.tree, train);
      const single = bestSingleAction(d.scores, train, tieBreak, z);
      const arms = applyPolicyTreeToMatrix(tree, d.x, d.names);
      for (const i of held) g[i] = d.scores[arms[i]!]![i]! - d.scores[single]![i]!;
      foldGains.push(mean(Float64Array.from(held, (i) => g[i]!)));
    }
    const m = mean(g);
    means.push(m);
    ses.push(Math.sqrt(g.reduce((a, v) => a + (v - m) ** 2, 0) / Math.max(n - 1, 1) / n));
  }
  // Repeats re-use the same rows, so their standard errors are averaged, not pooled.
  const m = mean(means);
  const se = mean(ses);
  const gain = { mean: m, lo: m - z * se, hi: m + z * se, folds: foldGains };
  const tree = fitPolicyTree(d, o.tree);
  const fallback = bestSingleAction(d.scores, all, tieBreak, z);
  const useTree = gain.lo > 0 && tree.nodes.length > 1;
  const pct = Math.round(o.level * 100);
  const why = useTree
    ? `the tree beats the best single action in ${o.folds}-fold CV × ${o.repeats} by ${fmt(m)} per shopper (${pct} % interval ${fmt(gain.lo)} to ${fmt(gain.hi)})`
    : tree.nodes.length <= 1
      ? "no split of the shoppers changes the best action, so everyone gets the best single action"
      : `the tree's CV gain over the best single action, ${fmt(m)} per shopper (${pct} % interval ${fmt(gain.lo)} to ${fmt(gain.hi)}), is not above zero with confidence: everyone gets the best single action`;
  return { tree, fallback, useTree, gain, why };
}

const fmt = (x: number): string => `${x >= 0 ? "+" : ""}${x.toFixed(4)}`;

/** Per row, the action the learned policy gives (the tree's, or the fallback for everyone). */
export function applyLearnedPolicy(p: LearnedPolicy, x: Float64Array, names: readonly string[]): Int8Array {
  if (p.useTree) return applyPolicyTreeToMatrix(p.tree, x, names);
  return new Int8Array(x.length / Math.max(names.length, 1)).fill(p.fallback);
}

/** DR value of the learned policy on rows idx (for tests and reports). */
export function learnedValue(p: LearnedPolicy, d: PolicyData, idx: ArrayLike<number>): number {
  return policyValueOn(d.scores, applyLearnedPolicy(p, d.x, d.names), idx);
}
