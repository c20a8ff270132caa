export { runReasoningEval } from "./run.js";
export type { ReasoningReport, ScopeScore } from "./run.js";
