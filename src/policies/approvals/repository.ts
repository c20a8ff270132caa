import type { Db } from "../../store/db.js";
import type { PromotionProposal } from "../../domain/proposal.js";
import { PolicyError } from "../errors.js";
import type { PolicyVerdict, RequiredApprovals } from "../types.js";
import type {
  ApprovalRequest,
  ApprovalResolution,
  ApprovalScope,
  ApprovalState,
  ApprovalVote,
} from "./types.js";
import { prepared } from "../../store/sql.js";

/** Row mapping for approval_requests and approval_votes; the service decides, this only reads and writes. */

interface RequestRow {
  id: string;
  proposal_id: string;
  proposal: string;
  policy_version: string;
  verdict: string;
  all_of: string;
  any_of: string;
  status: ApprovalState;
  resolution: ApprovalResolution | null;
  created_at: string;
  deadline_at: string;
  decided_at: string | null;
  expired_at: string | null;
  category: string | null;
  market: string | null;
  superseded_by: string | null;
}

function toRequest(r: RequestRow): ApprovalRequest {
  return {
    id: r.id,
    proposalId: r.proposal_id,
    proposal: JSON.parse(r.proposal) as PromotionProposal,
    policyVersion: r.policy_version,
    verdict: JSON.parse(r.verdict) as PolicyVerdict,
    required: {
      allOf: JSON.parse(r.all_of) as string[],
      anyOf: JSON.parse(r.any_of) as string[][],
    },
    status: r.status,
    resolution: r.resolution,
    createdAt: r.created_at,
    deadlineAt: r.deadline_at,
    decidedAt: r.decided_at,
    expiredAt: r.expired_at,
    scope:
      r.category !== null && r.market !== null ? { category: r.category, market: r.market } : null,
    supersededBy: r.superseded_by,
  };
}

/** The request with `id`, or a NOT_FOUND error. */
export function getRequest(db: Db, id: string): ApprovalRequest {
  const row = prepared(db, "SELECT * FROM approval_requests WHERE id = ?").get(id) as
    RequestRow | undefined;
  if (!row) throw new PolicyError("NOT_FOUND", `no approval request ${id}`);
  return toRequest(row);
}

/** Requests for a proposal, oldest first. */
export function requestsForProposal(db: Db, proposalId: string): ApprovalRequest[] {
  return (
    prepared(
      db,
      "SELECT * FROM approval_requests WHERE proposal_id = ? ORDER BY created_at, id",
    ).all(proposalId) as RequestRow[]
  ).map(toRequest);
}

/** Pending requests whose deadline is at or before `nowIso`. */
export function overdueRequestIds(db: Db, nowIso: string): string[] {
  return (
    prepared(
      db,
      "SELECT id FROM approval_requests WHERE status = 'pending' AND deadline_at <= ? ORDER BY deadline_at",
    ).all(nowIso) as { id: string }[]
  ).map((r) => r.id);
}

/** Stores a new pending request; one with a scope is that scope's one pending plan request. */
export function insertRequest(
  db: Db,
  r: {
    id: string;
    proposal: PromotionProposal;
    verdict: PolicyVerdict;
    required: RequiredApprovals;
    createdAt: string;
    deadlineAt: string;
    scope?: ApprovalScope | null;
  },
): void {
  prepared(
    db,
    `INSERT INTO approval_requests (id, proposal_id, proposal, policy_version, verdict, all_of, any_of,
       status, created_at, deadline_at, category, market)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
  ).run(
    r.id,
    r.proposal.id,
    JSON.stringify(r.proposal),
    r.verdict.policyVersion,
    JSON.stringify(r.verdict),
    JSON.stringify(r.required.allOf),
    JSON.stringify(r.required.anyOf),
    r.createdAt,
    r.deadlineAt,
    r.scope?.category ?? null,
    r.scope?.market ?? null,
  );
}

/** The scope's pending plan request (at most one: a unique index says so), or null. */
export function pendingRequestForScope(db: Db, scope: ApprovalScope): ApprovalRequest | null {
  const row = prepared(
    db,
    "SELECT * FROM approval_requests WHERE category = ? AND market = ? AND status = 'pending'",
  ).get(scope.category, scope.market) as RequestRow | undefined;
  return row ? toRequest(row) : null;
}

/** Closes a pending request as superseded by `by` (a newer request of its scope). */
export function supersedeRequest(db: Db, id: string, by: string, at: string): void {
  prepared(
    db,
    `UPDATE approval_requests
        SET status = 'superseded', resolution = 'superseded', decided_at = ?, superseded_by = ?
      WHERE id = ? AND status = 'pending'`,
  ).run(at, by, id);
}

/** Requests superseded by `id` (what the live feed announces with it). */
export function requestsSupersededBy(db: Db, id: string): string[] {
  const rows = prepared(
    db,
    "SELECT id FROM approval_requests WHERE superseded_by = ? ORDER BY id",
  ).all(id);
  return (rows as { id: string }[]).map((r) => r.id);
}

export function closeRequest(
  db: Db,
  id: string,
  status: "approved" | "rejected",
  resolution: ApprovalResolution,
  at: string,
): void {
  prepared(
    db,
    `UPDATE approval_requests SET status = ?, resolution = ?, decided_at = ?, expired_at = CASE WHEN ? = 'expired' THEN ? ELSE NULL END
     WHERE id = ? AND status = 'pending'`,
  ).run(status, resolution, at, resolution, at, id);
}

export function votesFor(db: Db, requestId: string): ApprovalVote[] {
  return prepared(
    db,
    "SELECT role, approver, decision, comment, voted_at AS votedAt FROM approval_votes WHERE request_id = ? ORDER BY id",
  ).all(requestId) as ApprovalVote[];
}

export function insertVote(db: Db, requestId: string, v: ApprovalVote): void {
  prepared(
    db,
    "INSERT INTO approval_votes (request_id, role, approver, decision, comment, voted_at) VALUES (?, ?, ?, ?, ?, ?)",
  ).run(requestId, v.role, v.approver, v.decision, v.comment, v.votedAt);
}
