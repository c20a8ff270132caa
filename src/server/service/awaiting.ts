import type { RunResult } from "../../graph/index.js";
import type { Db } from "../../store/index.js";
import type { Scope } from "./work-queue.js";

/**
 * The scope's decision still waiting on an open approval request (pending, before its deadline),
 * as a run result: a restart's cycle or a signal run leaves it to its approvers instead of
 * planning and escalating the scope again.
 */
export function awaitingApproval(db: Db, scope: Scope, nowIso: string): RunResult | null {
  const row = db
    .prepare(
      `SELECT d.id, d.checkpoint_id FROM decisions d JOIN approval_requests r ON r.id = d.approval_request_id
        WHERE d.category = ? AND d.market = ? AND d.status = 'awaiting_approval'
          AND r.status = 'pending' AND r.deadline_at > ?
        ORDER BY d.created_at DESC LIMIT 1`,
    )
    .get(scope.category, scope.market, nowIso) as { id: string; checkpoint_id: string | null } | undefined;
  return row ? { decisionId: row.id, status: "awaiting_approval", interrupted: true, checkpointId: row.checkpoint_id } : null;
}
