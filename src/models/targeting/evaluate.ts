import { bootstrap, type Estimate } from "./bootstrap.js";
import { bestCandidate, crossValidate, defaultCandidates } from "./cv.js";
import { fitScaling } from "./features.js";
import { SINGLE_EMAIL, TOP_K, figuresOn, type TestScores } from "./figures.js";
import { ARMS, CONTROL, type Arm, type HillstromFile } from "./hillstrom.js";
import { anyEmailUplift, fitOutcomeModel, predictOutcome, type OutcomePredictions } from "./learners.js";
import { loadHillstrom } from "./load-hillstrom.js";
import { VALUE_OUTCOMES, chooseArms, responsePolicy } from "./policy.js";
import { qiniCurve } from "./qini.js";
import { seededUniform } from "./random.js";
import { DEFINITIONS, upliftEvaluationOptionsSchema, type PolicyResult, type UpliftEvaluationOptions, type UpliftEvaluationReport } from "./report.js";

/** Per test customer: what the CLI writes with --scores. */
export interface CustomerScore {
  row: number;
  upliftVisit: number;
  upliftSpend: number;
  arm: Arm;
}

/** The report plus what the CLI draws or writes beside it. */
export interface UpliftEvaluation {
  report: UpliftEvaluationReport;
  scores: CustomerScore[];
  qiniCurves: { upliftModel: { x: number[]; y: number[] }; responseModel: { x: number[]; y: number[] } };
}

const summary = (f: HillstromFile) => ({ file: f.file, rows: f.rows.length, rejectedCount: f.rejected.length, rejected: f.rejected.slice(0, 20) });
const responseScore = (r: OutcomePredictions): Float64Array => r.level![0].map((v, i) => (v + r.level![1][i]!) / 2);

/**
 * Fit uplift models on the training file (learner and penalty chosen by k-fold CV on it), then on
 * the test file measure ranking quality, policy values against baselines, with bootstrap intervals.
 */
export async function evaluateUplift(input: UpliftEvaluationOptions): Promise<UpliftEvaluation> {
  const opts = upliftEvaluationOptionsSchema.parse(input);
  const started = performance.now();
  const [train, test] = await Promise.all([loadHillstrom(opts.train), loadHillstrom(opts.test)]);
  const scaling = fitScaling(train.rows);

  const select = (o: "visit" | "spend") => {
    const cv = crossValidate(train.rows, o, defaultCandidates(o), scaling, opts.folds, seededUniform(opts.seed + (o === "visit" ? 11 : 13)), opts.cvRepeats);
    return { chosen: bestCandidate(cv).spec, cv };
  };
  const selection = { visit: select("visit"), spend: select("spend") };
  const models = {
    visit: fitOutcomeModel(train.rows, "visit", selection.visit.chosen, scaling),
    spend: fitOutcomeModel(train.rows, "spend", selection.spend.chosen, scaling),
    // The response ("last-click") and propensity models are the per-arm visit levels of a T-learner.
    response: fitOutcomeModel(train.rows, "visit", { kind: "t-logistic", lambda: 1e-3 }, scaling),
  };
  const pv = predictOutcome(models.visit, test.rows);
  const ps = predictOutcome(models.spend, test.rows);
  const pr = predictOutcome(models.response, test.rows);

  const marginArms = chooseArms(pv, ps, { ...opts.policy, objective: "margin" });
  const visitArms = chooseArms(pv, ps, { ...opts.policy, objective: "visit" });
  const contacts = (a: Int8Array): number => a.reduce((n, v) => n + (v === CONTROL ? 0 : 1), 0);
  const constant = (arm: number): Int8Array => new Int8Array(test.rows.length).fill(arm);
  const policies: TestScores["policies"] = [
    { name: "uplift policy (margin)", arms: marginArms },
    { name: "uplift policy (visit)", arms: visitArms },
    { name: `response model (${contacts(marginArms)} contacts)`, arms: responsePolicy(pr, contacts(marginArms)) },
    { name: `response model (${contacts(visitArms)} contacts)`, arms: responsePolicy(pr, contacts(visitArms)) },
    { name: SINGLE_EMAIL.mens, arms: constant(0) },
    { name: SINGLE_EMAIL.womens, arms: constant(1) },
    { name: "nobody", arms: constant(CONTROL) },
    { name: "random (1/3 each)", arms: null },
  ].filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i);

  const ts: TestScores = { rows: test.rows, visitUplift: anyEmailUplift(pv), spendUplift: anyEmailUplift(ps), responseScore: responseScore(pr), policies, cfg: opts.policy };
  const full = Int32Array.from(test.rows.keys());
  const point = figuresOn(ts, { visit: SINGLE_EMAIL.mens, conversion: SINGLE_EMAIL.mens, spend: SINGLE_EMAIL.mens, margin: SINGLE_EMAIL.mens })(full);
  const best = Object.fromEntries(
    VALUE_OUTCOMES.map((o) => [o, point[`policy.${SINGLE_EMAIL.mens}.${o}`]! >= point[`policy.${SINGLE_EMAIL.womens}.${o}`]! ? SINGLE_EMAIL.mens : SINGLE_EMAIL.womens]),
  );
  const est = bootstrap(test.rows.length, opts.bootstrap, opts.level, seededUniform(opts.seed), figuresOn(ts, best));
  const e = (k: string): Estimate => est[k]!;

  const ranking = (o: "visit" | "spend") => ({
    qini: e(`${o}.qini`),
    responseModelQini: e(`${o}.responseModelQini`),
    upliftAt: Object.fromEntries(TOP_K.map((k) => [String(k), e(`${o}.upliftAt.${k}`)])) as Record<"10" | "20" | "30", Estimate>,
  });
  const policyResults: PolicyResult[] = policies.map((p) => ({
    name: p.name,
    contactedShare: p.arms ? contacts(p.arms) / test.rows.length : 2 / 3,
    armShares: Object.fromEntries(ARMS.map((a, k) => [a, p.arms ? p.arms.filter((v) => v === k).length / test.rows.length : 1 / 3])),
    value: Object.fromEntries(VALUE_OUTCOMES.map((o) => [o, e(`policy.${p.name}.${o}`)])),
    vsBestSingleEmail: Object.fromEntries(VALUE_OUTCOMES.map((o) => {
      const d = e(`versus.${p.name}.${o}`);
      return [o, { ...d, significant: d.lo > 0 || d.hi < 0 }];
    })),
  }));
  const armOf = opts.policy.objective === "visit" ? visitArms : marginArms;
  const report: UpliftEvaluationReport = {
    train: summary(train),
    test: summary(test),
    settings: { bootstrap: opts.bootstrap, seed: opts.seed, folds: opts.folds, cvRepeats: opts.cvRepeats, level: opts.level, policy: opts.policy },
    definitions: DEFINITIONS,
    selection,
    ranking: { visit: ranking("visit"), spend: ranking("spend") },
    bestSingleEmail: Object.fromEntries(VALUE_OUTCOMES.map((o) => [o, best[o] === SINGLE_EMAIL.mens ? "Mens E-Mail" : "Womens E-Mail"])),
    policies: policyResults,
    models,
    seconds: (performance.now() - started) / 1000,
  };
  const visitY = test.rows.map((r) => r.visit);
  const t = test.rows.map((r) => (r.arm === CONTROL ? 0 : 1));
  return {
    report,
    scores: test.rows.map((r, i) => ({ row: r.row, upliftVisit: pv.uplift[0][i]! / 2 + pv.uplift[1][i]! / 2, upliftSpend: ts.spendUplift[i]!, arm: ARMS[armOf[i]!]! })),
    qiniCurves: { upliftModel: qiniCurve(visitY, ts.visitUplift, t), responseModel: qiniCurve(visitY, ts.responseScore, t) },
  };
}
