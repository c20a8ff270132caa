import { interrupt, type LangGraphRunnableConfig } from "@langchain/langgraph";
import type { RevisionLimits } from "../../domain/planning.js";
import { durableRunOf } from "../../checkpoint/index.js";
import type { PolicyRecord } from "../../domain/decision.js";
import { isChannelError, launchApprovedCampaign } from "../../channels/index.js";
import {
  allRules,
  approvalRequestsForProposal,
  escalateWhileKillSwitchOn,
  limitsAfterBlock,
  withExtraRules,
  approvalStatus,
  checkProposal,
  parseProposal,
  recordPolicyVersion,
  recordVerdictOnce,
} from "../../policies/index.js";
import type {
  LoadedPolicy,
  PolicyRule,
  PolicyVerdict,
  RequiredApprovals,
  ScenarioPredictor,
} from "../../policies/index.js";
import type { Clock } from "../../domain/index.js";
import { openOrJoinRequest } from "./approval-request.js";
import { runPredictor, type StorePredictorDeps } from "../predictor.js";
import { writeTx, type Db } from "../../store/index.js";
import { recordFromState, saveDecision } from "../decisions.js";
import { recordShadow, shadowOutcome } from "./shadow.js";
import { recordVoteOnce, voteFrom } from "./vote.js";
import type { PromotionStateUpdate, PromotionStateValue } from "../state.js";

export interface GovernanceDeps {
  db: Db;
  clock: Clock;
  policy: LoadedPolicy;
  reasonerName: string;
  /**
   * Rules checked after the shipped ones (ids `custom.<name>`); they can escalate or block, never
   * loosen, and may declare their revise step (see docs/policy-rules.md).
   */
  rules?: readonly PolicyRule[];
  /**
   * The lift model a run's proposal is checked against (see src/graph/predictor.ts). Default: the
   * plan's own scored scenarios, else the promotion agent's simulation on the run's views or the store.
   */
  predictorFor?: (s: PromotionStateValue) => ScenarioPredictor;
  /** The promotion agent's category fits, so the default predictor never fits a category again. */
  liftFor?: StorePredictorDeps["liftFor"];
  /** Scopes planned as usual but never launched: no approval request, no campaign, a shadow record. */
  shadow?: (scope: { category: string; market: string }) => boolean;
}

/**
 * Runs a node's database writes (synchronous, after its reads): the run's unit of work
 * (`durableRunOf(config).commit`) commits them with the checkpoints a grouped run holds, so the
 * write lock is held for the writes only, not the node's reads.
 */
export type CommitWrites = <T>(write: () => T) => T;

/** Commits a write whose result the run does not use: it joins the run's next commit. */
export type CommitLater = (write: () => void) => void;

const toRecord = (v: PolicyVerdict): PolicyRecord => ({
  verdict: v.verdict,
  policyVersion: v.policyVersion,
  checkedAt: v.checkedAt,
  rules: v.rules.map((r) => ({
    id: r.id,
    outcome: r.outcome,
    reason: r.reason,
    ...(r.roles ? { roles: r.roles } : {}),
    ...(r.approvals ? { approvals: r.approvals } : {}),
  })),
  ...(v.requiredApprovals ? { requiredApprovals: v.requiredApprovals } : {}),
  ...(v.corrections ? { corrections: v.corrections } : {}),
});

/** The policy's verdict, escalated while the kill switch is on (then nothing runs without a person). */
const governedVerdict = (d: GovernanceDeps, s: PromotionStateValue): PolicyVerdict => {
  // Custom rules run after the shipped ones on the same verified proposal: they never see a raw claim.
  const predictor = d.predictorFor ? d.predictorFor(s) : runPredictor(s, d);
  const verdict = checkProposal(d.db, s.plan!.proposal, d.policy, d.clock, {
    predictor,
    ...(d.rules ? { rules: d.rules } : {}),
  });
  return escalateWhileKillSwitchOn(d.db, verdict, d.policy.policy);
};

/** policy: plain code decides allow / escalate / block; the verdict is stored with its policy version. */
export const policyNode =
  (d: GovernanceDeps) =>
  (s: PromotionStateValue, config?: LangGraphRunnableConfig): PromotionStateUpdate => {
    const verdict = governedVerdict(d, s);
    // Outside the commit: it is remembered per connection only once committed (see recordPolicyVersion).
    recordPolicyVersion(d.db, d.policy, d.clock);
    // Once: a re-run of this node after a crash must not log the same check twice. Nothing in the run
    // reads the log, so it joins the next step's commit: one commit fewer a run.
    durableRunOf(config).commitLater(
      () => void recordVerdictOnce(d.db, verdict, d.policy, d.clock),
    );
    // An escalated run's state says so from here: the request it waits on is named once opened.
    return {
      policy: toRecord(verdict),
      ...(verdict.verdict === "escalate" ? { status: "awaiting_approval" as const } : {}),
    };
  };

/** The policy node's check without its log: for what-ifs and dry runs, which must leave no trace. */
export const checkNode =
  (d: GovernanceDeps) =>
  (s: PromotionStateValue): PromotionStateUpdate => ({ policy: toRecord(governedVerdict(d, s)) });

/**
 * The limits a block names for the next attempt: each blocked rule's own revise step (the lawful
 * reference price, a mechanic or SKUs to steer away from, less spend), in verdict order.
 */
export function limitsFromBlock(
  s: PromotionStateValue,
  rules: readonly PolicyRule[] = allRules(),
): { limits: RevisionLimits; blockedBy: string[] } {
  const v = s.policy!;
  const blockedBy = v.rules.filter((r) => r.outcome === "block").map((r) => r.id);
  const input = {
    proposal: s.plan!.proposal!,
    ...(v.corrections ? { corrections: v.corrections } : {}),
  };
  return { limits: limitsAfterBlock(rules, blockedBy, s.limits, input), blockedBy };
}

/** revise: record why the last attempt was blocked and hand the promotion agent its new limits. */
export const reviseNode = (d: Pick<GovernanceDeps, "rules"> = {}) => {
  // Custom rules may declare revise steps too; without one, a block leaves the SKUs out.
  const rules = withExtraRules(d.rules);
  return (s: PromotionStateValue): PromotionStateUpdate => {
    const { limits, blockedBy } = limitsFromBlock(s, rules);
    const numeric = Object.fromEntries(
      Object.entries(limits).filter(([, v]) => typeof v === "number"),
    ) as Record<string, number>;
    return {
      limits,
      revisions: [{ attempt: s.attempt, blockedBy, limits: numeric, verdict: "block" }],
    };
  };
};

/**
 * await_approval: opens the approval request and pauses the run until people answer; one step,
 * where opening and waiting were two, each with its checkpoint. A resume value
 * `{ decision, comment? }` is a vote, recorded through the approvals service with the voter of
 * `config.configurable.approver` (see ./vote.ts); any other resume value (the CLI's side door,
 * which records its vote itself) only makes the node read the request's state again.
 */
export const awaitApprovalNode =
  (d: GovernanceDeps) =>
  (s: PromotionStateValue, config?: LangGraphRunnableConfig): PromotionStateUpdate => {
    // In shadow mode nobody is asked: the escalation is part of what the system would have done.
    if (d.shadow?.(s.scope)) return { status: "running" };
    let approvalRequestId = s.approvalRequestId;
    let waitingFor: { missing: RequiredApprovals; proposalId: string } | undefined;
    if (!approvalRequestId) {
      // LangGraph runs a paused node again from the top when the run resumes, and a proposal id
      // belongs to one attempt of one run: a request of this proposal is the one opened here before.
      const proposal = parseProposal(s.plan!.proposal);
      approvalRequestId = approvalRequestsForProposal(d.db, proposal.id).at(-1)?.id ?? null;
      if (!approvalRequestId) {
        const opening = openOrJoinRequest(
          { ...d, commit: (w) => durableRunOf(config).commit(w) },
          s,
          proposal,
        );
        if (opening.kind === "joined") return joinedUpdate(opening.request.id, opening.decisionId);
        // A new request has no votes yet: nothing to read.
        approvalRequestId = opening.request.id;
        waitingFor = { missing: opening.request.required, proposalId: opening.request.proposalId };
      }
    }
    if (!waitingFor) {
      const before = approvalStatus(d.db, approvalRequestId);
      if (before.request.status === "pending")
        waitingFor = { missing: before.missing, proposalId: before.request.proposalId };
    }
    if (waitingFor) {
      const answer: unknown = interrupt({
        decisionId: s.decisionId,
        approvalRequestId,
        ...waitingFor,
      });
      const vote = voteFrom(answer, config);
      if (vote) durableRunOf(config).commit(() => recordVoteOnce(d, approvalRequestId, vote));
    }
    const st = approvalStatus(d.db, approvalRequestId);
    if (st.request.status === "approved") return { approvalRequestId, status: "running" };
    if (st.request.status === "superseded") {
      const reason = `approval superseded by ${st.request.supersededBy ?? "a newer request"}: a re-plan of the scope reached a different plan`;
      return { approvalRequestId, status: "rejected", outcome: { status: "rejected", reason } };
    }
    if (st.request.status === "rejected")
      return {
        approvalRequestId,
        status: "rejected",
        outcome: {
          status: "rejected",
          reason: `approval ${st.request.resolution ?? "rejected"}: ${st.votes.map((v) => `${v.role} ${v.decision}: ${v.comment}`).join("; ")}`,
        },
      };
    return { approvalRequestId, status: "awaiting_approval" };
  };

/** A run whose plan its scope's pending request already asks: recorded, nothing asked again. */
function joinedUpdate(requestId: string, decisionId: string | null): PromotionStateUpdate {
  const of = decisionId ? ` of decision ${decisionId}` : "";
  const reason = `the same plan already awaits approval: joined request ${requestId}${of} (no second request; its votes kept)`;
  return {
    status: "no_action",
    outcome: { status: "no_action", reason },
    joined: { requestId, decisionId },
  };
}

/**
 * execute: the decision record, the campaign row, its launch rows in the outbox and its spend
 * commitment, in one transaction; a resumed or replayed run finds them and adds nothing.
 * Delivery to the channels is `deliverPending`'s job (CLI after the run, the server in the background).
 */
export const executeNode =
  (d: GovernanceDeps) =>
  (s: PromotionStateValue, config?: LangGraphRunnableConfig): PromotionStateUpdate => {
    if (d.shadow?.(s.scope)) {
      const outcome = shadowOutcome(s);
      return { status: outcome.status, outcome };
    }
    const proposal = parseProposal(s.plan!.proposal);
    const at = d.clock.now().toISOString();
    const approvedBy = s.approvalRequestId
      ? approvalStatus(d.db, s.approvalRequestId)
          .votes.filter((v) => v.decision === "approve")
          .map((v) => v.approver)
      : [];
    const record = recordFromState(s, { now: at, reasonerName: d.reasonerName });
    try {
      const launch = durableRunOf(config).commit(() =>
        writeTx(d.db, () => {
          // The campaign row references its decision: the record must exist first (allow path).
          saveDecision(d.db, record);
          return launchApprovedCampaign(
            d.db,
            {
              decisionId: s.decisionId,
              proposal,
              approvalRequestId: s.approvalRequestId,
              approvedBy,
              policyVersion: s.policy!.policyVersion,
              ...audienceOf(s),
            },
            { policy: d.policy.policy, clock: d.clock },
          );
        }),
      );
      const how = s.approvalRequestId ? `approved (${s.approvalRequestId})` : "allowed by policy";
      return {
        status: "executed",
        outcome: {
          status: "executed",
          campaignId: launch.campaignId,
          reason: `${how}; launch of ${launch.channels.join(", ")} queued in the outbox (${launch.batch})`,
        },
      };
    } catch (e) {
      // A channel conflict or an unlaunchable spec fails the decision, with nothing half-written.
      if (!isChannelError(e)) throw e;
      return {
        status: "failed",
        outcome: { status: "failed", reason: `execution refused by the channels: ${e.message}` },
      };
    }
  };

/** The targeting agent's segment (consent-verified: it never picks e-mail or SMS without consent) and message, when it chose anyone. */
const audienceOf = (s: PromotionStateValue) =>
  s.audience?.segment && s.audience.message
    ? {
        audience: {
          segment: s.audience.segment,
          estimatedSize: s.audience.contacts,
          consentVerified: true,
        },
        message: s.audience.message,
      }
    : {};

/** record: writes the final decision record. */
export const recordNode =
  (d: GovernanceDeps) =>
  (s: PromotionStateValue, config?: LangGraphRunnableConfig): PromotionStateUpdate => {
    let outcome = s.outcome;
    if (!outcome && s.policy?.verdict === "block") {
      outcome = {
        status: "blocked",
        reason: `blocked by ${s.policy.rules
          .filter((r) => r.outcome === "block")
          .map((r) => `${r.id} (${r.reason})`)
          .join("; ")} after ${s.attempt} attempt(s)`,
      };
    }
    outcome ??= { status: "no_action", reason: "nothing to do" };
    const approvals = s.approvalRequestId
      ? approvalStatus(d.db, s.approvalRequestId).votes.map((v) => ({
          requestId: s.approvalRequestId!,
          ...v,
        }))
      : [];
    const final = { ...s, outcome, status: outcome.status };
    const record = recordFromState(final, {
      approvals,
      now: d.clock.now().toISOString(),
      reasonerName: d.reasonerName,
    });
    // The run's last write: it joins the commit that stores the run's end (commitLater), one commit fewer.
    const shadow = d.shadow?.(s.scope) === true;
    durableRunOf(config).commitLater(() => {
      saveDecision(d.db, record);
      if (shadow) recordShadow(d, s, outcome);
    });
    return { outcome, status: outcome.status };
  };
