import type { DecisionStatus } from "../../domain/decision.js";
import type { LoadedPolicy } from "../../policies/index.js";
import type { Clock } from "../../domain/index.js";
import { recordShadowPlan } from "../../shadow/index.js";
import type { Db } from "../../store/index.js";
import type { PromotionStateValue } from "../state.js";

type Outcome = { status: DecisionStatus; reason: string };

/** What a shadow run says instead of launching: what it would have done, and that it did not. */
export function shadowOutcome(s: PromotionStateValue): Outcome {
  const p = s.plan!.proposal!;
  const how =
    s.policy?.verdict === "escalate"
      ? `would need approval by ${
          s.policy.rules
            .filter((r) => r.outcome === "escalate")
            .flatMap((r) => r.roles ?? [])
            .filter((r, i, a) => a.indexOf(r) === i)
            .join(", ") || "the policy's approvers"
        }`
      : "allowed by policy";
  const what = `${p.mechanic} on ${p.scope.skus.join(", ")} from ${p.startDate} for ${p.weeks} week(s)`;
  return {
    status: "no_action",
    reason: `shadow mode: would launch ${what} (${how}); nothing launched`,
  };
}

/** The shadow record of a finished run, beside the decision record in the same commit. */
export function recordShadow(
  d: { db: Db; clock: Clock; policy: LoadedPolicy },
  s: PromotionStateValue,
  outcome: Outcome,
): void {
  const now = d.clock.now().toISOString();
  recordShadowPlan(d.db, {
    decisionId: s.decisionId,
    scope: s.scope,
    proposal: s.plan?.proposal ?? null,
    choice: s.plan?.choice,
    verdict: s.policy?.verdict ?? null,
    reason: outcome.reason,
    day: now.slice(0, 10),
    windowWeeks: d.policy.policy.shadow.windowWeeks,
    at: now,
  });
}
