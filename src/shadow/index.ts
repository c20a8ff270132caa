export { inShadow } from "./mode.js";
export type { Scope } from "./mode.js";
export { recordShadowPlan } from "./record.js";
export type { ShadowPlanInput } from "./record.js";
export { compareShadow, DEFAULT_COMPARE } from "./compare.js";
export type {
  CompareOptions,
  PlannedPromotion,
  ShadowPair,
  ShadowReport,
  ShadowSummary,
} from "./compare.js";
export { shadowRecommendations } from "./tune.js";
export type { ShadowRecommendation } from "./tune.js";
