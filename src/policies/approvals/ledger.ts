import { proposalEndDate, proposalSpend } from "../../domain/proposal.js";
import type { PromotionProposal } from "../../domain/proposal.js";
import type { Db } from "../../store/db.js";
import type { Clock } from "../clock.js";
import { PolicyError } from "../errors.js";
import { prepared } from "../../store/sql.js";

export type CommitmentStatus = "approved" | "launched" | "cancelled";

/**
 * Records (or updates) the spend a campaign commits. Approved and launched campaigns count
 * against spend caps, budgets and promotion history; cancelled ones no longer do.
 */
export function commitSpend(
  db: Db,
  proposal: PromotionProposal,
  clock: Clock,
  opts: { status?: CommitmentStatus; approvalRequestId?: string; policyVersion?: string } = {},
): void {
  const at = clock.now().toISOString();
  prepared(db, 
    `INSERT INTO spend_commitments (campaign_id, category, markets, skus, mechanic, start_date, end_date, amount, status,
       approval_request_id, policy_version, committed_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(campaign_id) DO UPDATE SET status = excluded.status, amount = excluded.amount,
       start_date = excluded.start_date, end_date = excluded.end_date, updated_at = excluded.updated_at,
       approval_request_id = coalesce(excluded.approval_request_id, approval_request_id),
       policy_version = coalesce(excluded.policy_version, policy_version)`,
  ).run(
    proposal.id,
    proposal.scope.category,
    JSON.stringify(proposal.scope.markets),
    JSON.stringify(proposal.scope.skus),
    proposal.mechanic,
    proposal.startDate,
    proposalEndDate(proposal),
    proposalSpend(proposal),
    opts.status ?? "approved",
    opts.approvalRequestId ?? null,
    opts.policyVersion ?? null,
    at,
    at,
  );
}

/** Moves a committed campaign to launched or cancelled. */
export function setCommitmentStatus(db: Db, campaignId: string, status: CommitmentStatus, clock: Clock): void {
  const res = prepared(db, "UPDATE spend_commitments SET status = ?, updated_at = ? WHERE campaign_id = ?").run(status, clock.now().toISOString(), campaignId);
  if (res.changes === 0) throw new PolicyError("NOT_FOUND", `no committed campaign ${campaignId}`);
}
