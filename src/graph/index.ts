// The promotion graph: state, nodes, compilation (checkpointer: src/checkpoint/), runs, decision records.
export { createPromotionGraph } from "./graph.js";
export type { PromotionGraph, PromotionGraphOptions } from "./graph.js";
export { useLightRunContext } from "./run-context.js";
export { PromotionState } from "./state.js";
export type {
  PromotionStateValue,
  PromotionStateUpdate,
  PlanState,
  RevisionState,
} from "./state.js";
export { perceiveNode, demandNode, inventoryNode, promotionNode } from "./nodes/agents.js";
export type { Perceiver } from "./nodes/agents.js";
export { targetingNode } from "./nodes/targeting.js";
export { NODES, afterPolicy, afterPlan, afterApproval, approvalRouter } from "./wiring.js";
export type { NodeName, Router } from "./wiring.js";
export { approvalResumeSchema, approverSchema } from "./nodes/vote.js";
export type { ApprovalResume, Approver } from "./nodes/vote.js";
export {
  policyNode,
  checkNode,
  reviseNode,
  awaitApprovalNode,
  executeNode,
  recordNode,
  limitsFromBlock,
} from "./nodes/governance.js";
export type { CommitLater, CommitWrites, GovernanceDeps } from "./nodes/governance.js";
export {
  runScope,
  runCycle,
  answerApproval,
  allScopes,
  newDecisionId,
  findUnfinishedRuns,
  resumeUnfinishedRuns,
  unfinishedRuns,
} from "./run.js";
export type { RunResult, RunContext, ApprovalAnswer } from "./run.js";
export { abandonRun, listUnfinishedRuns } from "./unfinished.js";
export type { UnfinishedRun } from "./unfinished.js";
export { assertKnownScope, closestFirst, scopeProblem } from "./scope-check.js";
export { getDecision, listDecisions, saveDecision, recordFromState, shortId } from "./decisions.js";
export { listCampaigns } from "./campaigns.js";
export type { CampaignRow } from "./campaigns.js";
export { replayDecision } from "./replay.js";
export type { ReplayReport } from "./replay.js";
export { whatIfDecision, whatIfSchema, applyWhatIf } from "./what-if.js";
export type { WhatIf, WhatIfReport, WhatIfOutcome } from "./what-if.js";
export { GraphError, isGraphError } from "./errors.js";
export type { GraphErrorCode } from "./errors.js";
export { explainDecision } from "./explain.js";
export { runCycleInWorkers } from "./parallel.js";
export type { WorkerCycleOptions, WorkerCycleReport } from "./parallel.js";
