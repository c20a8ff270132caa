import { bootstrap, type Estimate } from "./bootstrap.js";
import { crossValidate, defaultCandidates, selectCandidate } from "./cv.js";
import { fitScaling } from "./features.js";
import { DR_OUTCOMES, SINGLE_EMAIL, TOP_K, figuresOn, type TestScores } from "./figures.js";
import { ARMS, CONTROL, type Arm, type HillstromFile } from "./hillstrom.js";
import { applyLearnedPolicy } from "./policy-learn.js";
import {
  POLICY_FEATURES,
  learnArmPolicy,
  modelBestArms,
  nuisanceOf,
  policyMatrix,
  testScores,
  trainingScoresAndLevels,
  type LearnedArmPolicy,
} from "./learned-policy.js";
import {
  anyEmailUplift,
  fitOutcomeModel,
  predictOutcome,
  type LearnerSpec,
  type OutcomePredictions,
} from "./learners.js";
import { loadHillstrom } from "./load-hillstrom.js";
import { VALUE_OUTCOMES, chooseArms, responsePolicy } from "./policy.js";
import { qiniCurve } from "./qini.js";
import { qiniBands, type QiniBandPoint } from "./qini-bands.js";
import { seededUniform } from "./random.js";
import {
  DEFINITIONS,
  upliftEvaluationOptionsSchema,
  type PolicyResult,
  type UpliftEvaluationOptions,
  type UpliftEvaluationReport,
} from "./report.js";

/** Per test customer: what the CLI writes with --scores. */
export interface CustomerScore {
  row: number;
  upliftVisit: number;
  upliftSpend: number;
  /** The learned policy's arm for the chosen objective. */
  arm: Arm;
  armVisit: Arm;
  armMargin: Arm;
}

/** The report plus what the CLI draws or writes beside it. */
export interface UpliftEvaluation {
  report: UpliftEvaluationReport;
  scores: CustomerScore[];
  qiniCurves: {
    upliftModel: { x: number[]; y: number[] };
    responseModel: { x: number[]; y: number[] };
  };
  qiniBands: { upliftModel: QiniBandPoint[]; responseModel: QiniBandPoint[] };
}

/** Told at the start of each phase of an evaluation (the CLI prints it). */
export type Progress = (phase: string) => void;

const summary = (f: HillstromFile) => ({
  file: f.file,
  rows: f.rows.length,
  rejectedCount: f.rejected.length,
  rejected: f.rejected.slice(0, 20),
});
const responseScore = (r: OutcomePredictions): Float64Array =>
  r.level![0].map((v, i) => (v + r.level![1][i]!) / 2);
const REFERENCE: { visit: LearnerSpec; spend: LearnerSpec } = {
  visit: { kind: "t-logistic", lambda: 1e-3 },
  spend: { kind: "t-two-part", lambda: 1e-3 },
};
export const LEARNED = {
  visit: "learned policy (visit)",
  margin: "learned policy (margin)",
} as const;

/**
 * Fit uplift models on the training file (learner chosen by repeated k-fold CV on the DR value of
 * its budget policy), learn a policy tree per objective on cross-fitted DR scores with a fallback
 * to the best single arm, then on the test file measure ranking quality and every policy's IPW
 * and DR value against baselines, with bootstrap intervals.
 */
export async function evaluateUplift(
  input: UpliftEvaluationOptions,
  progress: Progress = () => {},
): Promise<UpliftEvaluation> {
  const opts = upliftEvaluationOptionsSchema.parse(input);
  const started = performance.now();
  progress(`reading ${opts.train} and ${opts.test}`);
  const [train, test] = await Promise.all([loadHillstrom(opts.train), loadHillstrom(opts.test)]);
  const scaling = fitScaling(train.rows);

  const select = (o: "visit" | "spend") => {
    const cands = defaultCandidates(o);
    progress(
      `cross-validating ${cands.length} ${o} learners (${opts.folds} folds × ${opts.cvRepeats}) on ${train.rows.length} training rows`,
    );
    const cv = crossValidate(
      train.rows,
      o,
      cands,
      scaling,
      opts.folds,
      seededUniform(opts.seed + (o === "visit" ? 11 : 13)),
      opts.cvRepeats,
      opts.budgetShare,
    );
    return { chosen: selectCandidate(cv).spec, cv };
  };
  const selection = { visit: select("visit"), spend: select("spend") };
  progress("fitting the chosen learners on the training file");
  const models = {
    visit: fitOutcomeModel(train.rows, "visit", selection.visit.chosen, scaling),
    spend: fitOutcomeModel(train.rows, "spend", selection.spend.chosen, scaling),
    // The response ("last-click") and propensity models are the per-arm visit levels of a T-learner.
    response: fitOutcomeModel(train.rows, "visit", REFERENCE.visit, scaling),
  };
  const nuisance = {
    visit: nuisanceOf(selection.visit.chosen, REFERENCE.visit),
    spend: nuisanceOf(selection.spend.chosen, REFERENCE.spend),
  };
  progress(
    `learning policy trees on cross-fitted DR scores (nuisance: ${nuisance.visit.kind}, ${nuisance.spend.kind})`,
  );
  const fitted = trainingScoresAndLevels(
    train.rows,
    nuisance,
    scaling,
    opts.policy,
    opts.folds,
    seededUniform(opts.seed + 17),
  );
  const trainS = fitted.scores;
  // The argmax rule competes with the tree on the same held-out rows: its levels are cross-fitted.
  const trainArms = (o: "visit" | "margin") => modelBestArms(fitted.levels, o, opts.policy);
  const learnOpts = { folds: opts.folds, repeats: Math.max(2, opts.cvRepeats), level: opts.level };
  const learned: Record<"visit" | "margin", LearnedArmPolicy> = {
    visit: learnArmPolicy(
      train.rows,
      trainS.visit,
      "visit",
      learnOpts,
      seededUniform(opts.seed + 19),
      undefined,
      trainArms("visit"),
    ),
    // Spend is noisy: when margin cannot separate two single arms, the one with more visits is the fallback.
    margin: learnArmPolicy(
      train.rows,
      trainS.margin,
      "margin",
      learnOpts,
      seededUniform(opts.seed + 23),
      trainS.visit,
      trainArms("margin"),
    ),
  };

  progress("scoring the test file");
  const nuisanceModel = (o: "visit" | "spend") =>
    nuisance[o] === selection[o].chosen
      ? models[o]
      : fitOutcomeModel(train.rows, o, nuisance[o], scaling);
  const nuisanceModels = { visit: nuisanceModel("visit"), spend: nuisanceModel("spend") };
  const dr = testScores(test.rows, nuisanceModels, opts.policy);
  const testLevels = {
    visit: predictOutcome(nuisanceModels.visit, test.rows).level!,
    spend: predictOutcome(nuisanceModels.spend, test.rows).level!,
  };
  const testArms = (o: "visit" | "margin") => modelBestArms(testLevels, o, opts.policy);
  const pv = predictOutcome(models.visit, test.rows);
  const ps = predictOutcome(models.spend, test.rows);
  const pr = predictOutcome(models.response, test.rows);
  const xTest = policyMatrix(test.rows);
  const learnedArms = {
    visit: applyLearnedPolicy(learned.visit, xTest, POLICY_FEATURES, testArms("visit")),
    margin: applyLearnedPolicy(learned.margin, xTest, POLICY_FEATURES, testArms("margin")),
  };
  const marginArms = chooseArms(pv, ps, { ...opts.policy, objective: "margin" });
  const visitArms = chooseArms(pv, ps, { ...opts.policy, objective: "visit" });
  const contacts = (a: Int8Array): number => a.reduce((n, v) => n + (v === CONTROL ? 0 : 1), 0);
  const constant = (arm: number): Int8Array => new Int8Array(test.rows.length).fill(arm);
  const policies: TestScores["policies"] = [
    { name: LEARNED.margin, arms: learnedArms.margin },
    { name: LEARNED.visit, arms: learnedArms.visit },
    { name: "uplift policy (margin)", arms: marginArms },
    { name: "uplift policy (visit)", arms: visitArms },
    {
      name: `response model (${contacts(marginArms)} contacts)`,
      arms: responsePolicy(pr, contacts(marginArms)),
    },
    { name: SINGLE_EMAIL.mens, arms: constant(0) },
    { name: SINGLE_EMAIL.womens, arms: constant(1) },
    { name: "nobody", arms: constant(CONTROL) },
    { name: "random (1/3 each)", arms: null },
  ].filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i);

  progress(`bootstrapping ${opts.bootstrap} resamples of ${test.rows.length} test rows`);
  const ts: TestScores = {
    rows: test.rows,
    visitUplift: anyEmailUplift(pv),
    spendUplift: anyEmailUplift(ps),
    responseScore: responseScore(pr),
    policies,
    cfg: opts.policy,
    dr,
  };
  const full = Int32Array.from(test.rows.keys());
  const mensOnly = Object.fromEntries(
    [...VALUE_OUTCOMES, ...DR_OUTCOMES.map((o) => `dr.${o}`)].map((o) => [o, SINGLE_EMAIL.mens]),
  );
  const point = figuresOn(ts, mensOnly)(full);
  const better = (k: (name: string) => string): string =>
    point[k(SINGLE_EMAIL.mens)]! >= point[k(SINGLE_EMAIL.womens)]!
      ? SINGLE_EMAIL.mens
      : SINGLE_EMAIL.womens;
  const best = {
    ...Object.fromEntries(VALUE_OUTCOMES.map((o) => [o, better((n) => `policy.${n}.${o}`)])),
    ...Object.fromEntries(DR_OUTCOMES.map((o) => [`dr.${o}`, better((n) => `dr.${n}.${o}`)])),
  };
  const est = bootstrap(
    test.rows.length,
    opts.bootstrap,
    opts.level,
    seededUniform(opts.seed),
    figuresOn(ts, best),
  );
  const e = (k: string): Estimate => est[k]!;
  const sig = (d: Estimate) => ({ ...d, significant: d.lo > 0 || d.hi < 0 });

  const ranking = (o: "visit" | "spend") => ({
    qini: e(`${o}.qini`),
    responseModelQini: e(`${o}.responseModelQini`),
    upliftAt: Object.fromEntries(TOP_K.map((k) => [String(k), e(`${o}.upliftAt.${k}`)])) as Record<
      "10" | "20" | "30",
      Estimate
    >,
  });
  const policyResults: PolicyResult[] = policies.map((p) => ({
    name: p.name,
    contactedShare: p.arms ? contacts(p.arms) / test.rows.length : 2 / 3,
    armShares: Object.fromEntries(
      ARMS.map((a, k) => [
        a,
        p.arms ? p.arms.filter((v) => v === k).length / test.rows.length : 1 / 3,
      ]),
    ),
    value: Object.fromEntries(VALUE_OUTCOMES.map((o) => [o, e(`policy.${p.name}.${o}`)])),
    vsBestSingleEmail: Object.fromEntries(
      VALUE_OUTCOMES.map((o) => [o, sig(e(`versus.${p.name}.${o}`))]),
    ),
    drValue: Object.fromEntries(DR_OUTCOMES.map((o) => [o, e(`dr.${p.name}.${o}`)])),
    drVsBestSingleEmail: Object.fromEntries(
      DR_OUTCOMES.map((o) => [o, sig(e(`drVersus.${p.name}.${o}`))]),
    ),
  }));
  const armName = (o: "visit" | "margin", i: number): Arm => ARMS[learnedArms[o][i]!]!;
  const emailName = (k: string): Arm =>
    best[k] === SINGLE_EMAIL.mens ? "Mens E-Mail" : "Womens E-Mail";
  const report: UpliftEvaluationReport = {
    train: summary(train),
    test: summary(test),
    settings: {
      bootstrap: opts.bootstrap,
      seed: opts.seed,
      folds: opts.folds,
      cvRepeats: opts.cvRepeats,
      level: opts.level,
      budgetShare: opts.budgetShare,
      policy: opts.policy,
    },
    definitions: DEFINITIONS,
    selection,
    ranking: { visit: ranking("visit"), spend: ranking("spend") },
    bestSingleEmail: Object.fromEntries(VALUE_OUTCOMES.map((o) => [o, emailName(o)])),
    bestSingleEmailDr: Object.fromEntries(DR_OUTCOMES.map((o) => [o, emailName(`dr.${o}`)])),
    learnedPolicies: learned,
    policies: policyResults,
    models,
    seconds: (performance.now() - started) / 1000,
  };
  progress("drawing Qini bands");
  const visitY = test.rows.map((r) => r.visit);
  const t = test.rows.map((r) => (r.arm === CONTROL ? 0 : 1));
  const bandsOf = (s: Float64Array) =>
    qiniBands(
      visitY,
      s,
      t,
      Math.min(opts.bootstrap, 200),
      opts.level,
      seededUniform(opts.seed + 29),
    );
  return {
    report,
    scores: test.rows.map((r, i) => ({
      row: r.row,
      upliftVisit: ts.visitUplift[i]!,
      upliftSpend: ts.spendUplift[i]!,
      arm: armName(opts.policy.objective, i),
      armVisit: armName("visit", i),
      armMargin: armName("margin", i),
    })),
    qiniCurves: {
      upliftModel: qiniCurve(visitY, ts.visitUplift, t),
      responseModel: qiniCurve(visitY, ts.responseScore, t),
    },
    qiniBands: { upliftModel: bandsOf(ts.visitUplift), responseModel: bandsOf(ts.responseScore) },
  };
}
