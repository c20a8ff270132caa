// Public surface of the quantitative core: baseline demand, promotion lift, scenarios, online learning, backtests.
export { ModelError, isModelError } from "./errors.js";
export type { ModelErrorCode } from "./errors.js";

export { loadFratDataset } from "./data/load-frat.js";
export {
  fratTransactionSchema,
  fratProductSchema,
  fratStoreSchema,
  fratLoadReportSchema,
} from "./data/frat-schemas.js";
export type {
  FratDataset,
  FratTransaction,
  FratProduct,
  FratStore,
  FratLoadReport,
} from "./data/frat-schemas.js";
export { buildPanel, seriesKey, weekIndexOf, weekIndexOnOrBefore } from "./panel.js";
export type { Panel, SeriesInfo } from "./panel.js";

export { estimateSeasonality } from "./baseline/seasonality.js";
export type { Seasonality } from "./baseline/seasonality.js";
export { DemandState } from "./baseline/demand-state.js";

export { liftConfigSchema } from "./lift/config.js";
export type { LiftConfig, LiftConfigInput } from "./lift/config.js";
export { FEATURE_NAMES } from "./lift/features.js";
export type { FeatureName, RowPlan, PromoPressure } from "./lift/features.js";
export { fitLiftModel, fitLiftModelCore } from "./lift/fit.js";
export type { FitOptions } from "./lift/fit.js";
export { LiftModel } from "./lift/model.js";
export type { WeekPrediction, DriftPoint } from "./lift/model.js";
export { liftParams, liftParamsSchema, upcEffects, upcEffectsSchema } from "./lift/params.js";
export type { LiftParams, UpcEffects } from "./lift/params.js";
export { ResidualCalibration, residualBucketSchema } from "./intervals.js";
export type { ResidualBucket } from "./intervals.js";

export { PromotionSimulator } from "./scenario/simulator.js";
export { scenarioInputSchema, scenarioResultSchema } from "./scenario/schemas.js";
export type { ScenarioInput, ScenarioSpec, ScenarioResult } from "./scenario/schemas.js";

export {
  runLiftBacktest,
  liftBacktestOptionsSchema,
  liftBacktestReportSchema,
} from "./backtest/run.js";
export type {
  LiftBacktestOptions,
  LiftBacktestReport,
  BacktestPrediction,
  BacktestProgress,
} from "./backtest/run.js";
export { lastValueBaseline, meanTimesMultiplierBaseline } from "./backtest/baselines.js";
export { accuracySchema } from "./backtest/metrics.js";
export type { Accuracy } from "./backtest/metrics.js";

export { simulateMarket } from "./testing/simulated-panel.js";
export type { SimulatedMarketOptions } from "./testing/simulated-panel.js";
export {
  TargetingError,
  isTargetingError,
  loadHillstrom,
  splitEveryNth,
  fitOutcomeModel,
  predictOutcome,
  anyEmailUplift,
  crossValidate,
  qiniAucScore,
  upliftAtK,
  qiniCurve,
  chooseArms,
  evaluateUplift,
  upliftEvaluationReportSchema,
  decideTargeting,
  targetingProblemSchema,
  targetingDecisionSchema,
  assertPermittedFeatures,
} from "./targeting/index.js";
export type {
  TargetingErrorCode,
  HillstromRow,
  OutcomeModel,
  LearnerSpec,
  PolicyConfig,
  UpliftEvaluationReport,
  TargetingProblemInput,
  TargetingDecision,
  AudienceSegment,
} from "./targeting/index.js";
