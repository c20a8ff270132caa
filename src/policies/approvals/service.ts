import type { PromotionProposal } from "../../domain/proposal.js";
import { writeTx, type Db } from "../../store/index.js";
import type { Clock } from "../../domain/clock.js";
import { PolicyError } from "../errors.js";
import type { LoadedPolicy } from "../load.js";
import { rolesOf } from "../routing.js";
import type { PolicyVerdict, RequiredApprovals } from "../types.js";
import { commitSpend } from "../ledger/ledger.js";
import { assertPersonMayVote, personOf } from "./voters.js";
import * as repo from "./repository.js";
import { approvalVoteInputSchema } from "./types.js";
import type { ApprovalRequest, ApprovalScope, ApprovalStatus, ApprovalVote } from "./types.js";

/** Roles still needed: allOf roles without an approval, anyOf groups with none. */
function missingApprovals(required: RequiredApprovals, votes: ApprovalVote[]): RequiredApprovals {
  const yes = new Set(votes.filter((v) => v.decision === "approve").map((v) => v.role));
  return {
    allOf: required.allOf.filter((r) => !yes.has(r)),
    anyOf: required.anyOf.filter((g) => !g.some((r) => yes.has(r))),
  };
}

type RequestInput = { proposal: PromotionProposal; verdict: PolicyVerdict; policy: LoadedPolicy };

/** The approvals an escalated verdict asks for; any other verdict needs none. */
function requiredBy({ proposal, verdict }: RequestInput): RequiredApprovals {
  if (verdict.verdict !== "escalate" || !verdict.requiredApprovals) {
    throw new PolicyError(
      "INVALID_INPUT",
      `proposal ${proposal.id}: only an escalated verdict needs approval (verdict is ${verdict.verdict})`,
    );
  }
  return verdict.requiredApprovals;
}

/** The pending request a proposal's `ordinal`-th escalation opens, due `approvals.deadlineHours` from now. */
function newRequest(
  { proposal, verdict, policy }: RequestInput,
  required: RequiredApprovals,
  clock: Clock,
  ordinal: number,
): ApprovalRequest {
  const now = clock.now();
  const deadline = new Date(now.getTime() + policy.policy.approvals.deadlineHours * 3_600_000);
  return {
    id: `apr-${proposal.id}-${ordinal}`,
    proposalId: proposal.id,
    proposal,
    policyVersion: verdict.policyVersion,
    verdict,
    required,
    status: "pending",
    resolution: null,
    createdAt: now.toISOString(),
    deadlineAt: deadline.toISOString(),
    decidedAt: null,
    expiredAt: null,
    scope: null,
    supersededBy: null,
  };
}

/**
 * Opens an approval request for an escalated verdict, due `approvals.deadlineHours` from now.
 * Idempotent: a pending request for the same proposal and policy version is returned as is.
 */
export function createApprovalRequest(db: Db, input: RequestInput, clock: Clock): ApprovalRequest {
  const required = requiredBy(input);
  return writeTx(db, () => {
    const existing = repo.requestsForProposal(db, input.proposal.id);
    const open = existing.find(
      (r) => r.status === "pending" && r.policyVersion === input.verdict.policyVersion,
    );
    if (open) return open;
    const request = newRequest(input, required, clock, existing.length + 1);
    repo.insertRequest(db, request);
    return repo.getRequest(db, request.id);
  });
}

/**
 * The first request of a proposal that has none (the caller has looked), not stored yet, and the
 * write that stores it: for a caller that commits it with writes of its own, as the promotion
 * graph's approval step does with the run's pause. It is the request `createApprovalRequest`
 * would open.
 */
export function firstApprovalRequest(
  input: RequestInput,
  clock: Clock,
  scope: ApprovalScope | null = null,
): { request: ApprovalRequest; store: (db: Db) => void } {
  const request = { ...newRequest(input, requiredBy(input), clock, 1), scope };
  return { request, store: (db) => repo.insertRequest(db, request) };
}

/** Why a closed request takes no vote: a superseded one names the request that replaced it. */
function closedReason(r: ApprovalRequest): string {
  if (r.status === "superseded") {
    return (
      `approval request ${r.id} was superseded by ${r.supersededBy ?? "a newer request"} ` +
      "(a re-plan of its scope reached a different plan): vote on that one"
    );
  }
  const at = r.expiredAt ? ` at ${r.expiredAt}` : "";
  return `approval request ${r.id} is closed (${r.resolution ?? r.status}${at})`;
}

/** Rejects every pending request past its deadline, recording the expiry; returns their ids. */
export function expireOverdue(db: Db, clock: Clock): string[] {
  const at = clock.now().toISOString();
  return writeTx(db, () => {
    const ids = repo.overdueRequestIds(db, at);
    for (const id of ids) repo.closeRequest(db, id, "rejected", "expired", at);
    return ids;
  });
}

/** A request with its votes, missing approvals and whether it may be executed now. */
export function approvalStatus(db: Db, requestId: string): ApprovalStatus {
  const request = repo.getRequest(db, requestId);
  const votes = repo.votesFor(db, requestId);
  return {
    request,
    votes,
    missing: missingApprovals(request.required, votes),
    executable: request.status === "approved",
  };
}

/** Refuses, before anything is recorded or resumed, a vote `recordVote` would refuse (closed request, role not asked, same person, own request). */
export function assertMayVote(
  db: Db,
  input: {
    requestId: string;
    role: string;
    approver: string;
    person?: string;
    decision: "approve" | "reject";
  },
): void {
  const { request, votes } = approvalStatus(db, input.requestId);
  if (request.status !== "pending") throw new PolicyError("INVALID_INPUT", closedReason(request));
  if (votes.some((x) => x.role === input.role))
    throw new PolicyError("INVALID_INPUT", `role ${input.role} has already answered ${request.id}`);
  assertPersonMayVote(db, request, votes, {
    person: personOf(input.person ?? input.approver),
    role: input.role,
    decision: input.decision,
  });
}

/**
 * Records one role's approve/reject with a comment. A reject closes the request; the last needed
 * approval closes it as approved and commits its spend to the ledger. Votes after the deadline
 * are refused (the request is expired first).
 */
export function recordVote(db: Db, input: unknown, clock: Clock): ApprovalStatus {
  const parsed = approvalVoteInputSchema.safeParse(input);
  if (!parsed.success)
    throw new PolicyError(
      "INVALID_INPUT",
      `invalid vote: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  const v = parsed.data;
  expireOverdue(db, clock);
  return writeTx(db, () => {
    const { request, votes } = approvalStatus(db, v.requestId);
    if (request.status !== "pending") throw new PolicyError("INVALID_INPUT", closedReason(request));
    const roles = rolesOf(request.required);
    if (!roles.includes(v.role))
      throw new PolicyError(
        "INVALID_INPUT",
        `role ${v.role} is not asked on ${request.id} (asked: ${roles.join(", ")})`,
      );
    if (votes.some((x) => x.role === v.role))
      throw new PolicyError("INVALID_INPUT", `role ${v.role} has already answered ${request.id}`);
    const person = personOf(v.person ?? v.approver);
    assertPersonMayVote(db, request, votes, { person, role: v.role, decision: v.decision });
    const at = clock.now().toISOString();
    const vote: ApprovalVote = {
      role: v.role,
      approver: v.approver,
      decision: v.decision,
      comment: v.comment,
      votedAt: at,
    };
    repo.insertVote(db, request.id, vote);
    const missing = missingApprovals(request.required, [...votes, vote]);
    if (v.decision === "reject") repo.closeRequest(db, request.id, "rejected", "rejected", at);
    else if (missing.allOf.length === 0 && missing.anyOf.length === 0) {
      repo.closeRequest(db, request.id, "approved", "approved", at);
      commitSpend(db, request.proposal, clock, {
        status: "approved",
        approvalRequestId: request.id,
        policyVersion: request.policyVersion,
      });
    }
    return approvalStatus(db, request.id);
  });
}
