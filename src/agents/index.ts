// Agents: each a node factory taking its dependencies explicitly.
export {
  createPerceptionAgent,
  PerceptionError,
  perceptionScopeSchema,
  perceptionThresholdsSchema,
} from "./perception/index.js";
export type {
  PerceptionAgent,
  PerceptionDeps,
  PerceptionScope,
  PerceptionErrorCode,
  PerceptionThresholds,
  PerceptionThresholdsInput,
} from "./perception/index.js";
export { createDemandAgent } from "./demand/index.js";
export type { DemandAgent, DemandAgentDeps, DemandView, SkuDemand } from "./demand/index.js";
export { createInventoryAgent, DEFAULT_INVENTORY_THRESHOLDS } from "./inventory/index.js";
export type {
  InventoryAgent,
  InventoryAgentDeps,
  InventoryView,
  SkuSupply,
  ExcessStockEvent,
  InventoryThresholds,
} from "./inventory/index.js";
export {
  createPromotionAgent,
  fitCategoryEffects,
  simulateScenario,
  generateScenarios,
  AgentError,
  isAgentError,
} from "./promotion/index.js";
export type {
  PromotionAgent,
  PromotionAgentDeps,
  PlanInput,
  PromotionPlan,
  CategoryEffects,
  AgentErrorCode,
} from "./promotion/index.js";
export {
  createTargetingAgent,
  TARGETED_CHANNELS,
  DEFAULT_CONTACT_COSTS,
  fitUpliftModel,
} from "./targeting/index.js";
export type {
  TargetingAgent,
  TargetingAgentDeps,
  TargetingInput,
  TargetingResult,
  UpliftModel,
} from "./targeting/index.js";
