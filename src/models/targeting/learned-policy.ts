import { z } from "zod";
import { armShares, drScores, foldsOf, outOfFoldLevels, type Levels } from "./dr.js";
import { FEATURE_NAMES, designMatrix, rawFeatures, type Scaling } from "./features.js";
import { ARMS, CONTROL, armSchema, type HillstromRow, type ShopperFeatures } from "./hillstrom.js";
import { predictOutcome, type LearnerSpec, type OutcomeModel } from "./learners.js";
import {
  learnPolicy,
  learnedPolicySchema,
  type LearnedPolicy,
  type PolicyLearningInput,
} from "./policy-learn.js";
import { leafConditions, leafOf } from "./policy-tree.js";
import type { PolicyConfig } from "./policy.js";
import { permutation, type Uniform } from "./random.js";

/** Features a marketer reads in the policy tree: the model features less log(history), which a tree does not need. */
export const POLICY_FEATURES = FEATURE_NAMES.filter((n) => n !== "log_history");
const KEEP = FEATURE_NAMES.map((n) => n !== "log_history");

/** Raw policy features of shoppers, row-major. */
export function policyMatrix(shoppers: readonly ShopperFeatures[]): Float64Array {
  const p = POLICY_FEATURES.length;
  const x = new Float64Array(shoppers.length * p);
  shoppers.forEach((s, i) =>
    x.set(
      rawFeatures(s).filter((_, j) => KEEP[j]),
      i * p,
    ),
  );
  return x;
}

/** What the two objectives value: visits, or margin after the contact cost of the arm received. */
export const POLICY_OBJECTIVES = ["visit", "margin"] as const;
export type PolicyObjective = (typeof POLICY_OBJECTIVES)[number];

/** DR scores of both objectives: scores[objective][arm][row]. */
export type ObjectiveScores = Record<PolicyObjective, Float64Array[]>;

/** Learners without arm levels (X, DR, transformed outcome) leave the DR nuisance to the reference T-learner. */
export const hasLevels = (s: LearnerSpec): boolean =>
  ["t-logistic", "s-logistic", "t-ridge", "t-two-part", "t-segment", "t-gbdt", "blend"].includes(
    s.kind,
  );

/** Margin scores from spend scores: marginRate × spend, less the contact cost of an e-mail arm. */
function marginScores(spend: readonly Float64Array[], cfg: PolicyConfig): Float64Array[] {
  return spend.map((g, a) =>
    g.map((v) => cfg.marginRate * v - (a === CONTROL ? 0 : cfg.contactCost)),
  );
}

/** DR scores of rows from per-arm levels of visit and spend. */
export function scoresFromLevels(
  rows: readonly HillstromRow[],
  visit: Levels,
  spend: Levels,
  cfg: PolicyConfig,
): ObjectiveScores {
  const arms = rows.map((r) => r.arm);
  const shares = armShares(arms, Int32Array.from(rows.keys()), ARMS.length);
  return {
    visit: drScores(
      arms,
      rows.map((r) => r.visit),
      visit,
      shares,
    ),
    margin: marginScores(
      drScores(
        arms,
        rows.map((r) => r.spend),
        spend,
        shares,
      ),
      cfg,
    ),
  };
}

/** Per-arm visit and spend levels of rows, from the nuisance learners. */
export interface ObjectiveLevels {
  visit: Levels;
  spend: Levels;
}

/** Cross-fitted DR scores of the training rows, with the k-fold out-of-fold levels they came from. */
export function trainingScoresAndLevels(
  rows: readonly HillstromRow[],
  nuisance: { visit: LearnerSpec; spend: LearnerSpec },
  scaling: Scaling,
  cfg: PolicyConfig,
  k: number,
  u: Uniform,
): { scores: ObjectiveScores; levels: ObjectiveLevels } {
  const d = designMatrix(rows, scaling);
  const fold = foldsOf(permutation(rows.length, u), k);
  const visit = outOfFoldLevels(rows, d, "visit", nuisance.visit, scaling, fold, k);
  const spend = outOfFoldLevels(rows, d, "spend", nuisance.spend, scaling, fold, k);
  return { scores: scoresFromLevels(rows, visit, spend, cfg), levels: { visit, spend } };
}

/** Cross-fitted DR scores of the training rows: k-fold out-of-fold levels of the nuisance learners. */
export function trainingScores(
  rows: readonly HillstromRow[],
  nuisance: { visit: LearnerSpec; spend: LearnerSpec },
  scaling: Scaling,
  cfg: PolicyConfig,
  k: number,
  u: Uniform,
): ObjectiveScores {
  return trainingScoresAndLevels(rows, nuisance, scaling, cfg, k, u).scores;
}

/**
 * Each row's best arm for an objective by the model's levels (visits, or margin after the
 * e-mail's contact cost); ties go to the earlier arm. Cross-fitted levels give an honest rule.
 */
export function modelBestArms(
  levels: ObjectiveLevels,
  objective: PolicyObjective,
  cfg: PolicyConfig,
): Int8Array {
  const worth = objective === "visit" ? levels.visit : marginScores(levels.spend, cfg);
  const n = worth[0]!.length;
  return Int8Array.from({ length: n }, (_, i) => {
    let best = 0;
    for (let a = 1; a < worth.length; a++) if (worth[a]![i]! > worth[best]![i]!) best = a;
    return best;
  });
}

/** DR scores of test rows from nuisance models fitted on all training rows. */
export function testScores(
  rows: readonly HillstromRow[],
  models: { visit: OutcomeModel; spend: OutcomeModel },
  cfg: PolicyConfig,
): ObjectiveScores {
  const level = (m: OutcomeModel): Levels => predictOutcome(m, rows).level!;
  return scoresFromLevels(rows, level(models.visit), level(models.spend), cfg);
}

/** One row of the decision table: who (the leaf's conditions), which arm, and why. */
export const policySegmentSchema = z.object({
  conditions: z.array(z.string()),
  treeArm: armSchema,
  arm: armSchema,
  trainShare: z.number(),
  /** Mean DR score of each arm on the training rows of the segment, minus No E-Mail's. */
  gainVsNone: z.record(z.string(), z.number()),
  why: z.string(),
});
export type PolicySegment = z.infer<typeof policySegmentSchema>;

/** A learned policy with its decision table. */
export const learnedArmPolicySchema = learnedPolicySchema.extend({
  objective: z.enum(POLICY_OBJECTIVES),
  fallbackArm: armSchema,
  segments: z.array(policySegmentSchema),
});
export type LearnedArmPolicy = z.infer<typeof learnedArmPolicySchema>;

/** Learn one objective's policy on training scores and write its decision table. */
export function learnArmPolicy(
  rows: readonly HillstromRow[],
  scores: Float64Array[],
  objective: PolicyObjective,
  opts: PolicyLearningInput,
  u: Uniform,
  tieBreak?: Float64Array[],
  modelArms?: Int8Array,
): LearnedArmPolicy {
  const x = policyMatrix(rows);
  const lp: LearnedPolicy = learnPolicy(
    { x, names: POLICY_FEATURES, scores },
    opts,
    u,
    tieBreak,
    modelArms,
  );
  const p = POLICY_FEATURES.length;
  const col = new Map(POLICY_FEATURES.map((n, j) => [n as string, j]));
  const leafRows = new Map<number, number[]>();
  rows.forEach((_, i) => {
    const leaf = leafOf(lp.tree, (n) => x[i * p + col.get(n)!]!);
    const list = leafRows.get(leaf);
    if (list) list.push(i);
    else leafRows.set(leaf, [i]);
  });
  const unit = objective === "visit" ? "visits" : "$ margin";
  const segments = leafConditions(lp.tree).map(({ leaf, action, conditions }): PolicySegment => {
    const ix = leafRows.get(leaf) ?? [];
    const meanOf = (a: number): number =>
      ix.reduce((s, i) => s + scores[a]![i]!, 0) / Math.max(ix.length, 1);
    const none = meanOf(CONTROL);
    const gainVsNone = Object.fromEntries(ARMS.map((name, a) => [name, meanOf(a) - none]));
    const byModel = ARMS.map((_, a) => ix.filter((i) => modelArms?.[i] === a).length);
    const majority = byModel.indexOf(Math.max(...byModel));
    const arm = lp.useModel ? majority : lp.useTree ? action : lp.fallback;
    const g = (a: number): string => `${ARMS[a]} ${fmt(gainVsNone[ARMS[a]!]!)}`;
    const shares = ARMS.map(
      (name, a) => `${Math.round((100 * byModel[a]!) / Math.max(ix.length, 1))} % ${name}`,
    ).join(", ");
    const why =
      `${g(0)}, ${g(1)} ${unit} per shopper vs none (training rows, DR)` +
      (lp.useModel ? `; the model's best action per shopper: ${shares}` : "") +
      (lp.useModel || lp.useTree || action === lp.fallback
        ? ""
        : "; the split is not trusted (see the CV gain)");
    return {
      conditions,
      treeArm: ARMS[action]!,
      arm: ARMS[arm]!,
      trainShare: ix.length / rows.length,
      gainVsNone,
      why,
    };
  });
  return { ...lp, objective, fallbackArm: ARMS[lp.fallback]!, segments };
}

const fmt = (v: number): string => `${v >= 0 ? "+" : ""}${v.toFixed(3)}`;

/** Nuisance learner for DR scores: the chosen one when it has arm levels, else the reference. */
export function nuisanceOf(chosen: LearnerSpec, reference: LearnerSpec): LearnerSpec {
  return hasLevels(chosen) ? chosen : reference;
}
