// Agents: each a node factory taking its dependencies explicitly.
export { createPerceptionAgent, PerceptionError, perceptionScopeSchema, perceptionThresholdsSchema } from "./perception/index.js";
export type { PerceptionAgent, PerceptionDeps, PerceptionScope, PerceptionErrorCode, PerceptionThresholds, PerceptionThresholdsInput } from "./perception/index.js";
