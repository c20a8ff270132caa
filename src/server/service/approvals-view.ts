import { approvalStatus, type ApprovalStatus } from "../../policies/index.js";
import type { Db } from "../../store/index.js";

/** Pending, unexpired approval requests, oldest deadline first. */
export function pendingApprovals(db: Db, nowIso: string): ApprovalStatus[] {
  const sql =
    "SELECT id FROM approval_requests WHERE status = 'pending' AND deadline_at > ? ORDER BY deadline_at, id";
  const ids = db.prepare(sql).all(nowIso) as { id: string }[];
  return ids.map((r) => approvalStatus(db, r.id));
}
