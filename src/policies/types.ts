import type { PromotionProposal } from "../domain/proposal.js";
import type { PolicyContext } from "./context/types.js";
import type { PlannerPrecheck } from "./planner.js";
import type { ReviseLimits } from "./revise.js";
import type { RuleId } from "./rule-ids.js";

export type Outcome = "pass" | "escalate" | "block";

/** Who must approve an escalated decision: every `allOf` role, and one role from each `anyOf` group. */
export interface RequiredApprovals {
  allOf: string[];
  anyOf: string[][];
}

/** Fixes the policy can state outright, e.g. the lawful Omnibus reference price. */
export interface Corrections {
  referencePrice?: number;
}

/** What one rule says about one proposal. Built-in rules fix their approvers; policy rules are routed by the engine. */
export interface RuleOutcome {
  outcome: Outcome;
  reason: string;
  approvals?: RequiredApprovals;
  corrections?: Corrections;
}

/** The id of a rule a library user adds (GovernanceDeps.extraRules): always `custom.<name>`. */
export type CustomRuleId = `custom.${string}`;

/** A rule: a stable id and a pure check over (proposal, context). */
export interface PolicyRule {
  id: RuleId | CustomRuleId;
  builtin: boolean;
  /** One line for `policy explain` and docs. */
  summary: string;
  check(proposal: PromotionProposal, ctx: PolicyContext): RuleOutcome;
  /** The same test on a planner's scenario, before a proposal exists (see ./planner.ts). */
  planner?: PlannerPrecheck;
  /** What a block asks of the next attempt (default: leave the proposal's SKUs out). */
  revise?: ReviseLimits;
}

/** One rule's result inside a verdict. */
export interface RuleResult {
  id: RuleId | CustomRuleId;
  outcome: Outcome;
  reason: string;
  roles?: string[];
  approvals?: RequiredApprovals;
  corrections?: Corrections;
}

/** The policy node's answer for one proposal, with every rule's result. */
export interface PolicyVerdict {
  proposalId: string;
  verdict: "allow" | "escalate" | "block";
  policyVersion: string;
  rules: RuleResult[];
  /** Set when the verdict is escalate. */
  requiredApprovals?: RequiredApprovals;
  /** Union of every role named by an escalation. */
  roles?: string[];
  corrections?: Corrections;
  checkedAt: string;
}

/** A passing result. */
export const pass = (reason: string): RuleOutcome => ({ outcome: "pass", reason });
/** An escalation; approvers come from routing unless given. */
export const escalate = (reason: string, approvals?: RequiredApprovals): RuleOutcome => ({
  outcome: "escalate",
  reason,
  ...(approvals ? { approvals } : {}),
});
/** A block, optionally with the correction that would make it lawful. */
export const block = (reason: string, corrections?: Corrections): RuleOutcome => ({
  outcome: "block",
  reason,
  ...(corrections ? { corrections } : {}),
});

/** The rules, each with `step` as its revise step unless it declares its own. */
export const withRevise = (step: ReviseLimits, rules: PolicyRule[]): PolicyRule[] =>
  rules.map((r) => ({ revise: step, ...r }));

/** True when `value` is above `cap` by more than float noise. */
export const above = (value: number, cap: number): boolean => value > cap + 1e-9;

export { fmt } from "./format.js";
