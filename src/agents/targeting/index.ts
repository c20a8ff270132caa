// The targeting agent: who gets the promotion, on which channel, and whether a discount is needed at all.
export { createTargetingAgent } from "./agent.js";
export { TARGETED_CHANNELS, DEFAULT_CONTACT_COSTS } from "./channels.js";
export type {
  TargetingAgent,
  TargetingAgentDeps,
  TargetingInput,
  TargetingResult,
} from "./agent.js";
export { fitUpliftModel, permittedFeatures, CATEGORY_AFFINITY, MIN_ARM_ROWS } from "./uplift.js";
export type { UpliftModel, ShopperResponse } from "./uplift.js";
export { buildProblem } from "./problem.js";
export type { Merchandise, OptionEconomics, BuiltProblem } from "./problem.js";
export { summarise } from "./audience.js";
export { withAudience } from "./proposal.js";
