// The promotion agent: scenario grid, store-fitted simulator, constraints, optimiser, proposal.
export { createPromotionAgent } from "./agent.js";
export type { PromotionAgent, PromotionAgentDeps, PlanInput, PromotionPlan } from "./agent.js";
export { fitCategoryEffects } from "./effects.js";
export type { CategoryEffects, Estimate } from "./effects.js";
export { loadCategoryHistory } from "./history.js";
export { fitCategoryLift } from "./category-lift.js";
export { LiftPricer } from "./lift-simulate.js";
export { DEFAULT_RECALIBRATION, LiftRecalibration } from "./recalibrate.js";
export type { LiftCorrection, RecalibrationOptions } from "./recalibrate.js";
export { DEFAULT_RISK_AVERSION } from "./decide.js";
export type { DecisionRule } from "./decide.js";
export type { CategoryLift } from "./category-lift.js";
export type { HistoryRow } from "./history.js";
export {
  simulateScenario,
  predictPoint,
  withInterval,
  scenarioPoint,
  pointEffects,
  DEFAULT_MEDIA_COSTS,
} from "./simulate.js";
export type {
  SkuMarketContext,
  EffectPoint,
  MediaCosts,
  SimulationOptions,
  PointPrediction,
} from "./simulate.js";
export type { Screened } from "./select.js";
export { generateScenarios, noPromotion, DEFAULT_GRID, SIMULATED_MECHANICS } from "./grid.js";
export type { GridOptions } from "./grid.js";
export { applyConstraints, violations } from "./constraints.js";
export type { RevisionLimits, KnownConstraints } from "./constraints.js";
export { rankScenarios, bestFeasible, alternativesTo, whyNot, describeScenario } from "./select.js";
export { toProposal } from "./proposal.js";
export { marketContexts, firstStartDate } from "./context.js";
export { storeCoverAvailable, storeCoverOf, STORE_WEEK_Z } from "./store-cover.js";
export type { StockScreen, StoreCover } from "./store-cover.js";
export { categoryBudgetLeft } from "./budget.js";
export { AgentError, isAgentError } from "./errors.js";
export type { AgentErrorCode } from "./errors.js";
