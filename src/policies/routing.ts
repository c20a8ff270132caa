import { ruleGroup } from "./rule-ids.js";
import type { Policy } from "./schema.js";
import type { RequiredApprovals } from "./types.js";

/** Approvers for a policy rule: its own routing entry, else its group's, else the policy default. */
export function routeFor(policy: Policy, ruleId: string): RequiredApprovals {
  const r = policy.approvals.routing;
  const req = r[ruleId] ?? r[ruleGroup(ruleId)] ?? policy.approvals.default;
  return { allOf: [...req.allOf], anyOf: req.anyOf.length ? [[...req.anyOf]] : [] };
}

/** Several requirements as one: every allOf role, and each anyOf group not already covered by an allOf role. */
export function mergeApprovals(reqs: RequiredApprovals[]): RequiredApprovals {
  const allOf = [...new Set(reqs.flatMap((r) => r.allOf))].sort();
  const groups = new Map<string, string[]>();
  for (const g of reqs.flatMap((r) => r.anyOf)) {
    const sorted = [...new Set(g)].sort();
    if (sorted.length && !sorted.some((role) => allOf.includes(role)))
      groups.set(sorted.join("|"), sorted);
  }
  return { allOf, anyOf: [...groups.values()] };
}

/** Every role a requirement names. */
export function rolesOf(req: RequiredApprovals): string[] {
  return [...new Set([...req.allOf, ...req.anyOf.flat()])].sort();
}
