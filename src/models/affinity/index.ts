export { evaluateAffinity } from "./evaluate.js";
export { loadAffinityData } from "./data.js";
export type { AffinityData, Campaign as AffinityCampaign } from "./data.js";
export { AFFINITY_FEATURES, campaignExamples } from "./features.js";
export type { AffinityFeature, Example as AffinityExample } from "./features.js";
export { fitAffinityModel, predictAffinity, affinityModelSchema } from "./model.js";
export type { AffinityModel } from "./model.js";
export { RankedCampaign, slotsFor } from "./precision.js";
export { chooseLambda, lambdaSelectionSchema, LAMBDA_GRID } from "./select.js";
export type { LambdaSelection } from "./select.js";
export {
  affinityOptionsSchema,
  affinityReportSchema,
  AFFINITY_DEFINITIONS,
  RANKERS,
  HEURISTICS,
} from "./report.js";
export type {
  AffinityOptions,
  AffinityReport,
  PooledPrecision,
  CampaignResult,
  Ranker,
  Heuristic,
} from "./report.js";
