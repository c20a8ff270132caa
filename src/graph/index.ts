// The promotion graph: state, nodes, compilation with a SQLite checkpointer, triggers, decision records.
export { createPromotionGraph } from "./graph.js";
export type { PromotionGraph, PromotionGraphOptions } from "./graph.js";
export { PromotionState } from "./state.js";
export type { PromotionStateValue, PromotionStateUpdate, PlanState, RevisionState } from "./state.js";
export { perceiveNode, demandNode, inventoryNode, promotionNode } from "./nodes/agents.js";
export type { Perceiver } from "./nodes/agents.js";
export { policyNode, reviseNode, requestApprovalNode, awaitApprovalNode, executeNode, recordNode, limitsFromBlock } from "./nodes/governance.js";
export type { GovernanceDeps } from "./nodes/governance.js";
export { runScope, runCycle, runOnEvents, answerApproval, allScopes, newDecisionId } from "./run.js";
export type { RunResult, RunContext, ApprovalAnswer } from "./run.js";
export { getDecision, listDecisions, saveDecision, recordFromState } from "./decisions.js";
export { scheduleCampaign, listCampaigns } from "./campaigns.js";
export type { CampaignRow } from "./campaigns.js";
export { replayDecision } from "./replay.js";
export type { ReplayReport } from "./replay.js";
export { GraphError, isGraphError } from "./errors.js";
export type { GraphErrorCode } from "./errors.js";
export { explainDecision } from "./explain.js";
