// The perception agent: reads the fact store and reports what matters, with the numbers.
export { createPerceptionAgent, PerceptionError, perceptionScopeSchema } from "./agent.js";
export type {
  PerceptionAgent,
  PerceptionDeps,
  PerceptionScope,
  PerceptionErrorCode,
} from "./agent.js";
export { perceptionThresholdsSchema } from "./thresholds.js";
export type { PerceptionThresholds, PerceptionThresholdsInput } from "./thresholds.js";
