import type { PolicyRecord } from "../../domain/decision.js";
import type { PromotionProposal } from "../../domain/proposal.js";
import {
  expireOverdue,
  firstApprovalRequest,
  pendingRequestForScope,
  rolesOf,
  supersedeRequest,
} from "../../policies/index.js";
import type { ApprovalRequest, LoadedPolicy, PolicyVerdict, RuleId } from "../../policies/index.js";
import type { Clock } from "../../domain/index.js";
import { writeTx, type Db } from "../../store/index.js";
import {
  closeSupersededDecision,
  recordFromState,
  saveDecision,
  waitingDecisionOf,
} from "../decisions.js";
import { approvalsDiffer, planDifferences } from "../plan-identity.js";
import type { PromotionStateValue } from "../state.js";

/** What opening a run's approval request needs (a slice of the governance nodes' deps). */
export interface RequestDeps {
  db: Db;
  clock: Clock;
  policy: LoadedPolicy;
  reasonerName: string;
  /** Commits the writes with the run's held checkpoints (default: as they are). */
  commit?: <T>(write: () => T) => T;
}

/** How a run's escalation met its scope's one pending request. */
export type RequestOpening =
  | { kind: "opened"; request: ApprovalRequest; superseded: ApprovalRequest | null }
  | { kind: "joined"; request: ApprovalRequest; decisionId: string | null };

/** The verdict the policy node recorded, rebuilt for the approval request (no second check). */
export const verdictOf = (proposalId: string, r: PolicyRecord): PolicyVerdict => ({
  proposalId,
  verdict: r.verdict,
  policyVersion: r.policyVersion,
  checkedAt: r.checkedAt,
  rules: r.rules.map((x) => ({ ...x, id: x.id as RuleId })),
  ...(r.requiredApprovals
    ? { requiredApprovals: r.requiredApprovals, roles: rolesOf(r.requiredApprovals) }
    : {}),
  ...(r.corrections ? { corrections: r.corrections } : {}),
});

/**
 * Opens the run's approval request, or joins its scope's pending one. A scope has one pending
 * plan request: a re-plan (restart, signal, cycle, CLI run) that reaches the same plan, asking
 * the same roles, joins it (no second request, its votes kept); a different plan supersedes it
 * (closed as superseded, its decision closed with the difference) and opens its own. Read and
 * write share one transaction, so two concurrent re-plans open one request between them.
 */
export function openOrJoinRequest(
  d: RequestDeps,
  s: PromotionStateValue,
  proposal: PromotionProposal,
): RequestOpening {
  const verdict = verdictOf(proposal.id, s.policy!);
  const input = { proposal, verdict, policy: d.policy };
  const { request, store } = firstApprovalRequest(input, d.clock, s.scope);
  const commit = d.commit ?? (<T>(write: () => T) => write());
  return commit(() =>
    writeTx(d.db, (): RequestOpening => {
      // A request past its deadline is expired first: it can neither be joined nor superseded.
      expireOverdue(d.db, d.clock);
      const open = pendingRequestForScope(d.db, s.scope);
      const changes = open ? planDifferences(open.proposal, proposal) : [];
      if (open && changes.length === 0 && !approvalsDiffer(open.required, request.required)) {
        return { kind: "joined", request: open, decisionId: waitingDecisionOf(d.db, open.id) };
      }
      const now = d.clock.now().toISOString();
      let reason = "in progress";
      if (open) {
        const why = changes.length ? changes.join("; ") : "the policy now asks other approvals";
        supersedeRequest(d.db, open.id, request.id, now);
        const closed =
          `approval superseded by ${request.id} (decision ${s.decisionId}): ` +
          `the re-plan reached a different plan (${why})`;
        closeSupersededDecision(d.db, open.id, closed, now);
        reason = `supersedes ${open.id}: ${why}`;
      }
      store(d.db);
      const waiting = { ...s, status: "awaiting_approval" as const, approvalRequestId: request.id };
      const record = recordFromState(waiting, { now, reasonerName: d.reasonerName });
      saveDecision(d.db, { ...record, outcome: { status: "awaiting_approval", reason } });
      return { kind: "opened", request, superseded: open };
    }),
  );
}
