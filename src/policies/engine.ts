import type { PromotionProposal } from "../domain/proposal.js";
import type { Clock } from "../domain/clock.js";
import type { PolicyContext } from "./context/types.js";
import { allRules } from "./registry.js";
import { mergeApprovals, rolesOf, routeFor } from "./routing.js";
import type { Corrections, PolicyRule, PolicyVerdict, RuleResult } from "./types.js";

/** Runs one rule; a rule that throws blocks, so a bug can never turn into an allow. */
function runRule(rule: PolicyRule, p: PromotionProposal, ctx: PolicyContext): RuleResult {
  let out;
  try {
    out = rule.check(p, ctx);
  } catch (e) {
    return { id: rule.id, outcome: "block", reason: `rule failed: ${(e as Error).message}` };
  }
  const result: RuleResult = { id: rule.id, outcome: out.outcome, reason: out.reason };
  if (out.outcome === "escalate") {
    const approvals = rule.builtin && out.approvals ? out.approvals : routeFor(ctx.policy, rule.id);
    result.approvals = approvals;
    result.roles = rolesOf(approvals);
  }
  if (out.corrections) result.corrections = out.corrections;
  return result;
}

/**
 * Checks a proposal against every rule: any block → block; else any escalate → escalate with the
 * merged approvers; else allow.
 * @example
 * const verdict = evaluateProposal(proposal, buildPolicyContext(db, proposal, loaded, clock), clock);
 */
export function evaluateProposal(
  proposal: PromotionProposal,
  ctx: PolicyContext,
  clock: Clock,
  rules: PolicyRule[] = allRules(),
): PolicyVerdict {
  const results = rules.map((r) => runRule(r, proposal, ctx));
  const blocked = results.some((r) => r.outcome === "block");
  const escalated = results.filter((r) => r.outcome === "escalate");
  const corrections: Corrections = Object.assign({}, ...results.map((r) => r.corrections ?? {}));
  const verdict: PolicyVerdict = {
    proposalId: proposal.id,
    verdict: blocked ? "block" : escalated.length ? "escalate" : "allow",
    policyVersion: ctx.policyVersion,
    rules: results,
    checkedAt: clock.now().toISOString(),
  };
  if (verdict.verdict === "escalate") {
    const required = mergeApprovals(escalated.map((r) => r.approvals ?? { allOf: [], anyOf: [] }));
    verdict.requiredApprovals = required;
    verdict.roles = rolesOf(required);
  }
  if (Object.keys(corrections).length) verdict.corrections = corrections;
  return verdict;
}
