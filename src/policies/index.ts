// Governance: the policy file, the rule engine, the compiled-in rules and approvals.
export {
  policySchema,
  approvalRequirementSchema,
  roleSchema,
  BASE_ROLES,
  HARD_MAX_CONTACTS_PER_WEEK,
} from "./schema.js";
export type { Policy, Role, ApprovalRequirement } from "./schema.js";
export {
  loadPolicy,
  parsePolicy,
  validatePolicy,
  policyVersion,
  canonicalJson,
  defaultPolicyPath,
} from "./load.js";
export type { LoadedPolicy } from "./load.js";
export { PolicyError, isPolicyError } from "./errors.js";
export { POLICY_RULE_IDS, BUILTIN_RULE_IDS, POLICY_RULE_GROUPS } from "./rule-ids.js";
export type { RuleId, PolicyRuleId, BuiltinRuleId } from "./rule-ids.js";
export { findBuiltinTampering } from "./guard.js";
export { buildPolicyContext, priceChannelsOf, OMNIBUS_LOOKBACK_DAYS } from "./context/build.js";
export { emptyContext } from "./context/types.js";
export type { PolicyContext, PriceFact, StockFact, Commitment } from "./context/types.js";
export { evaluateProposal } from "./engine.js";
export { checkProposal, parseProposal } from "./check.js";
export type { CheckOptions } from "./check.js";
export { modelCheck } from "./predictor.js";
export { lawfulReferencePrice } from "./reference.js";
export type {
  ModelCheck,
  ScenarioForecast,
  ScenarioPredictor,
  ScenarioQuery,
} from "./predictor.js";
export { allRules, builtinRules, ruleById } from "./registry.js";
export { assertExtraRules, withExtraRules } from "./extra-rules.js";
export { routeFor, mergeApprovals, rolesOf } from "./routing.js";
export { explainPolicy } from "./explain.js";
export { plannerScreens, spendOf, PLANNER_STAGES } from "./planner.js";
export type {
  PlannerFacts,
  PlannerForecast,
  PlannerPrecheck,
  PlannerStage,
  ScenarioScreen,
} from "./planner.js";
export {
  capSpend,
  excludeMechanic,
  excludeSkus,
  limitScreens,
  limitsAfterBlock,
  useReferencePrice,
} from "./revise.js";
export type { ReviseInput, ReviseLimits } from "./revise.js";
export type {
  CustomRuleId,
  Outcome,
  PolicyRule,
  RuleOutcome,
  RuleResult,
  PolicyVerdict,
  RequiredApprovals,
  Corrections,
} from "./types.js";
export {
  assertMayVote,
  createApprovalRequest,
  firstApprovalRequest,
  recordVote,
  expireOverdue,
  approvalStatus,
} from "./approvals/service.js";
export { personOf } from "./approvals/voters.js";
export {
  getRequest as getApprovalRequest,
  requestsForProposal as approvalRequestsForProposal,
} from "./approvals/repository.js";
export {
  pendingRequestForScope,
  requestsSupersededBy,
  supersedeRequest,
} from "./approvals/repository.js";
export {
  commitSpend,
  setCommitmentStatus,
  commitmentLaunched,
  commitmentCancelled,
} from "./ledger/index.js";
export type { CommitmentStatus } from "./ledger/index.js";
export {
  setKillSwitch,
  killSwitchOn,
  killSwitchState,
  escalateWhileKillSwitchOn,
  KILL_SWITCH_RULE_ID,
} from "./kill-switch.js";
export type { KillSwitchState } from "./kill-switch.js";
export { recordPolicyVersion, recordVerdict, recordVerdictOnce } from "./approvals/records.js";
export { approvalVoteInputSchema } from "./approvals/types.js";
export type {
  ApprovalRequest,
  ApprovalVote,
  ApprovalVoteInput,
  ApprovalStatus,
  ApprovalState,
  ApprovalResolution,
} from "./approvals/types.js";
export type { ApprovalScope } from "./approvals/types.js";
