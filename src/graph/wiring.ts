import type { TargetingAgent } from "../agents/targeting/index.js";
import type { PromotionStateValue } from "./state.js";

/**
 * The promotion graph's node names: a graph composed from the shipped nodes uses the same names,
 * so routing functions, Studio and the decision records read alike.
 */
export const NODES = {
  perceive: "perceive",
  forecastDemand: "forecast_demand",
  assessInventory: "assess_inventory",
  planPromotion: "plan_promotion",
  targetAudience: "target_audience",
  checkPolicy: "check_policy",
  revise: "revise",
  awaitApproval: "await_approval",
  execute: "execute",
  record: "record",
} as const;
export type NodeName = (typeof NODES)[keyof typeof NODES];

/** After check_policy: allow → execute, escalate → await_approval, block → revise (bounded) or record. */
export function afterPolicy(maxRevisions: number) {
  return (s: PromotionStateValue): "execute" | "await_approval" | "revise" | "record" => {
    const v = s.policy?.verdict;
    if (v === "allow") return "execute";
    if (v === "escalate") return "await_approval";
    return s.attempt <= maxRevisions ? "revise" : "record";
  };
}

/** After plan_promotion: targeting (a targeted channel), straight to the policy, or record "no promotion". */
export function afterPlan(targeting: Pick<TargetingAgent, "applies">) {
  return (s: PromotionStateValue): "target_audience" | "check_policy" | "record" => {
    const proposal = s.plan?.proposal;
    if (!proposal) return "record";
    return targeting.applies(proposal) ? "target_audience" : "check_policy";
  };
}

/**
 * After await_approval: approved → execute, still waiting → await_approval again, anything else
 * (rejected, expired, superseded, joined another run's request) → record.
 */
export function afterApproval(s: PromotionStateValue): "record" | "await_approval" | "execute" {
  if (s.status === "running") return "execute";
  return s.status === "awaiting_approval" ? "await_approval" : "record";
}
