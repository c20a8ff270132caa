import { applyApprovedEdits } from "../../channels/index.js";
import type { CampaignEdit } from "../../channels/index.js";
import { storeScenarioPredictor } from "../../graph/predictor.js";
import { approvalStatus, recordVote } from "../../policies/index.js";
import type { ApprovalStatus, LoadedPolicy } from "../../policies/index.js";
import type { Clock } from "../../domain/index.js";
import type { Db } from "../../store/index.js";

/**
 * `approve|reject` on a campaign edit's approval request (an edit has no run to resume): the vote
 * goes through the approvals service, so one person counts once whatever roles they hold and a
 * requester never approves their own edit; an approved edit is then applied.
 */

/** The edit an id names: its approval request id, or `edit-<n>`; null when it names no edit. */
export function editRequestOf(db: Db, id: string): { editId: number; requestId: string } | null {
  const n = /^edit-(\d+)$/u.exec(id)?.[1];
  const row = db
    .prepare(
      "SELECT id, approval_request_id AS r FROM campaign_edits WHERE approval_request_id IS NOT NULL AND (approval_request_id = ? OR id = ?) ORDER BY id DESC LIMIT 1",
    )
    .get(id, n === undefined ? -1 : Number(n)) as { id: number; r: string } | undefined;
  return row ? { editId: row.id, requestId: row.r } : null;
}

export interface EditAnswer {
  role: string;
  approver: string;
  decision: "approve" | "reject";
  comment: string;
}

/** Records the vote on the edit's request and applies the edits it made executable. */
export function answerEdit(
  db: Db,
  edit: { editId: number; requestId: string },
  answer: EditAnswer,
  opts: { policy: LoadedPolicy; clock: Clock },
): { status: ApprovalStatus; applied: CampaignEdit[] } {
  recordVote(db, { requestId: edit.requestId, ...answer }, opts.clock);
  const applied = applyApprovedEdits(db, {
    ...opts,
    predictor: storeScenarioPredictor({ db, ...opts }),
  });
  return {
    status: approvalStatus(db, edit.requestId),
    applied: applied.filter((e) => e.id === edit.editId),
  };
}
