import { setCommitmentStatus } from "./ledger.js";
import type { CommitmentStatus } from "./ledger.js";
import type { Clock } from "../../domain/clock.js";
import type { Db } from "../../store/db.js";

/**
 * Keeps the spend ledger in step with delivery: a commitment is `approved` until every channel
 * confirmed the launch, then `launched`; a campaign stopped before it ever went live frees its
 * spend (`cancelled`). Campaigns launched without a commitment (tests, scripts) are left alone.
 */

function statusOf(db: Db, campaignId: string): CommitmentStatus | undefined {
  return (
    db.prepare("SELECT status FROM spend_commitments WHERE campaign_id = ?").get(campaignId) as
      { status: CommitmentStatus } | undefined
  )?.status;
}

/** Moves an approved commitment to launched (delivery confirmed). */
export function commitmentLaunched(db: Db, campaignId: string, clock: Clock): void {
  if (statusOf(db, campaignId) === "approved")
    setCommitmentStatus(db, campaignId, "launched", clock);
}

/** Cancels the commitment of a campaign that never reached a shopper. */
export function commitmentCancelled(db: Db, campaignId: string, clock: Clock): void {
  if (statusOf(db, campaignId) === "approved")
    setCommitmentStatus(db, campaignId, "cancelled", clock);
}
