// Shopper-level targeting: uplift learners on randomised contact data, their evaluation, and the targeting decision core.
export { TargetingError, isTargetingError } from "./errors.js";
export type { TargetingErrorCode } from "./errors.js";

export {
  ARMS,
  CONTROL,
  armSchema,
  hillstromRowSchema,
  rejectedRowSchema,
  REQUIRED_COLUMNS,
} from "./hillstrom.js";
export type {
  Arm,
  HillstromRow,
  HillstromFile,
  ShopperFeatures,
  RejectedRow,
} from "./hillstrom.js";
export { loadHillstrom } from "./load-hillstrom.js";
export { splitEveryNth, splitRandom } from "./split.js";
export type { SplitResult } from "./split.js";

export { FEATURE_NAMES, assertPermittedFeatures, fitScaling, scalingSchema } from "./features.js";
export type { FeatureName, Scaling } from "./features.js";
export {
  OUTCOMES,
  outcomeSchema,
  learnerKindSchema,
  learnerSpecSchema,
  outcomeModelSchema,
  fitOutcomeModel,
  predictOutcome,
  anyEmailUplift,
  describeSpec,
  sameSpec,
} from "./learners.js";
export { fitGbdt, predictEnsemble, gbdtParamsSchema, ensembleSchema, treeSchema } from "./gbdt.js";
export type { GbdtParams, GbdtParamsInput, Ensemble, Tree } from "./gbdt.js";
export type {
  Outcome,
  LearnerKind,
  LearnerSpec,
  OutcomeModel,
  OutcomePredictions,
  Component,
} from "./learners.js";
export {
  crossValidate,
  bestCandidate,
  budgetPolicy,
  defaultCandidates,
  cvResultSchema,
  selectCandidate,
  upliftComplexity,
} from "./cv.js";
export type { CvResult } from "./cv.js";

export { qiniCurve, perfectQiniCurve, qiniAucScore, upliftAtK } from "./qini.js";
export {
  policyConfigSchema,
  chooseArms,
  responsePolicy,
  ipwValue,
  VALUE_OUTCOMES,
} from "./policy.js";
export type { PolicyConfig, PolicyConfigInput, ValueOutcome } from "./policy.js";
export { bootstrap, estimateSchema } from "./bootstrap.js";
export type { Estimate } from "./bootstrap.js";
export { seededUniform } from "./random.js";
export type { Uniform } from "./random.js";

export { evaluateUplift } from "./evaluate.js";
export type { UpliftEvaluation, CustomerScore, Progress } from "./evaluate.js";
export {
  upliftEvaluationOptionsSchema,
  upliftEvaluationReportSchema,
  policyResultSchema,
  DEFINITIONS,
} from "./report.js";
export type { UpliftEvaluationOptions, UpliftEvaluationReport, PolicyResult } from "./report.js";
export { lineChartSvg } from "./chart.js";
export { qiniAndPolicySvg } from "./band-chart.js";
export type { BandSeries, PolicyBar } from "./band-chart.js";
export { qiniBands, BAND_SHARES } from "./qini-bands.js";
export type { QiniBandPoint } from "./qini-bands.js";
export { fitPolicyTree, applyPolicyTree, leafConditions, policyTreeSchema } from "./policy-tree.js";
export type { PolicyTree, PolicyData } from "./policy-tree.js";
export {
  learnPolicy,
  applyLearnedPolicy,
  bestSingleAction,
  learnedPolicySchema,
} from "./policy-learn.js";
export type { LearnedPolicy, PolicyLearningInput } from "./policy-learn.js";
export { drScores, armShares, policyValueOn } from "./dr.js";
export { learnedArmPolicySchema, policySegmentSchema } from "./learned-policy.js";
export type { LearnedArmPolicy, PolicySegment } from "./learned-policy.js";
export type { ChartSeries } from "./chart.js";

export { decideTargeting } from "./decide.js";
export {
  CONSENT_CHANNELS,
  targetShopperSchema,
  contactOptionSchema,
  targetingProblemSchema,
  targetingActionSchema,
  shopperDecisionSchema,
  audienceSegmentSchema,
  targetingDecisionSchema,
} from "./decide-schema.js";
export type {
  TargetShopper,
  ContactOption,
  TargetingProblem,
  TargetingProblemInput,
  TargetingAction,
  ShopperDecision,
  AudienceSegment,
  TargetingDecision,
} from "./decide-schema.js";
