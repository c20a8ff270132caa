import { z } from "zod";
import { estimateSchema } from "./bootstrap.js";
import { cvResultSchema } from "./cv.js";
import { armSchema, rejectedRowSchema } from "./hillstrom.js";
import { learnerSpecSchema, outcomeModelSchema } from "./learners.js";
import { learnedArmPolicySchema } from "./learned-policy.js";
import { policyConfigSchema } from "./policy.js";

/** Options of an uplift evaluation (the CLI flags, validated). */
export const upliftEvaluationOptionsSchema = z.object({
  train: z.string().min(1),
  test: z.string().min(1),
  bootstrap: z.number().int().min(0).max(10_000).default(200),
  seed: z.number().int().default(1),
  folds: z.number().int().min(2).max(20).default(5),
  /** Fold splits of the cross-validation; more repeats steady the choice between close learners. */
  cvRepeats: z.number().int().min(1).max(20).default(1),
  level: z.number().gt(0).lt(1).default(0.9),
  /** Share of customers the budget policy e-mails; CV chooses the learner by its DR value. */
  budgetShare: z.number().gt(0).max(1).default(0.3),
  policy: policyConfigSchema.default({ marginRate: 0.35, contactCost: 0.1, objective: "margin" }),
});
export type UpliftEvaluationOptions = z.input<typeof upliftEvaluationOptionsSchema>;

const fileSummarySchema = z.object({
  file: z.string(),
  rows: z.number().int(),
  rejectedCount: z.number().int(),
  rejected: z.array(rejectedRowSchema),
});
const versusSchema = estimateSchema.extend({ significant: z.boolean() });
const rankingSchema = z.object({
  qini: estimateSchema,
  responseModelQini: estimateSchema,
  upliftAt: z.object({ "10": estimateSchema, "20": estimateSchema, "30": estimateSchema }),
});

/** One policy's value per customer on each outcome, and its difference from the best single e-mail. */
export const policyResultSchema = z.object({
  name: z.string(),
  contactedShare: z.number(),
  armShares: z.record(z.string(), z.number()),
  value: z.record(z.string(), estimateSchema),
  vsBestSingleEmail: z.record(z.string(), versusSchema),
  /** Doubly robust value per customer (visit, margin), nuisance models fitted on the training file. */
  drValue: z.record(z.string(), estimateSchema),
  drVsBestSingleEmail: z.record(z.string(), versusSchema),
});
export type PolicyResult = z.infer<typeof policyResultSchema>;

/** The whole `autopromo uplift evaluate` report (the --json output). */
export const upliftEvaluationReportSchema = z.object({
  train: fileSummarySchema,
  test: fileSummarySchema,
  settings: z.object({
    bootstrap: z.number(),
    seed: z.number(),
    folds: z.number(),
    cvRepeats: z.number(),
    level: z.number(),
    budgetShare: z.number(),
    policy: policyConfigSchema,
  }),
  definitions: z.record(z.string(), z.string()),
  selection: z.object({
    visit: z.object({ chosen: learnerSpecSchema, cv: z.array(cvResultSchema) }),
    spend: z.object({ chosen: learnerSpecSchema, cv: z.array(cvResultSchema) }),
  }),
  ranking: z.object({ visit: rankingSchema, spend: rankingSchema }),
  bestSingleEmail: z.record(z.string(), armSchema),
  bestSingleEmailDr: z.record(z.string(), armSchema),
  /** Per objective: the policy tree, whether CV lets it replace the best single arm, and its decision table. */
  learnedPolicies: z.object({ visit: learnedArmPolicySchema, margin: learnedArmPolicySchema }),
  policies: z.array(policyResultSchema),
  models: z.object({
    visit: outcomeModelSchema,
    spend: outcomeModelSchema,
    response: outcomeModelSchema,
  }),
  seconds: z.number(),
});
export type UpliftEvaluationReport = z.infer<typeof upliftEvaluationReportSchema>;

/** Definitions printed with every report so a reader knows exactly what was measured. */
export const DEFINITIONS: Record<string, string> = {
  qini:
    "normalised Qini coefficient as scikit-uplift qini_auc_score(negative_effect=True): area between the model's Qini curve and the random line, " +
    "divided by the same area for the perfect curve. Treatment = any e-mail, control = No E-Mail. Curve point after the top n: " +
    "Y_t(n) − Y_c(n)·N_t(n)/N_c(n); tied scores form one point (only the last index of each run of equal scores). Perfect curve = the " +
    "Qini curve of the score y·t − y·(1−t) (treated responders first, control responders last, so negative effects count). " +
    "The ranked score is the mean of the predicted Mens and Womens e-mail uplift, because the e-mailed group was randomised half to each " +
    "(5-fold CV on the training file prefers it to the larger of the two).",
  upliftAtK:
    "scikit-uplift uplift_at_k(strategy='overall'): among the top ⌊n·k⌋ by predicted uplift, mean outcome of treated minus mean outcome of control; ties broken as numpy's reversed stable argsort.",
  policyValue:
    "mean outcome per customer if the policy had been applied, by inverse propensity weighting over the randomised test arms with the empirical arm shares: Σ_a (1/n_a) Σ_{i in arm a, policy(i)=a} y_i. " +
    "margin = marginRate × spend − contactCost if e-mailed.",
  drValue:
    "doubly robust (AIPW) value per customer: mean over test customers of μ_a(x) + 1[A = a]·(y − μ_a(x))/e_a for the arm a the policy gives, " +
    "μ the nuisance learner fitted on the training file, e_a the test file's arm share. Unbiased because the arms were randomised; μ narrows the interval.",
  learnedPolicy:
    "a depth-2 policy tree maximising the summed cross-fitted DR scores of the training file (leaves ≥ 5 % of rows); it replaces the best single arm " +
    "only when repeated k-fold CV of the whole procedure shows a gain whose lower bound is above 0.",
  selection:
    "each candidate learner is fitted on k−1 folds; on the held-out fold, the DR value of e-mailing its top budget share (better e-mail each) is the criterion.",
  intervals:
    "percentile bootstrap over test customers (models fixed, seeded). A difference whose interval contains 0 is 'not significant': it is not a win.",
};
