import { durableRunsFor } from "../checkpoint/index.js";
import type { DecisionRecord } from "../domain/decision.js";
import type { Clock } from "../domain/index.js";
import type { Db } from "../store/index.js";
import { recordFromState, saveDecision } from "./decisions.js";
import type { PromotionGraph } from "./graph.js";
import type { PromotionStateValue } from "./state.js";

/** What recording a failed run needs: the graph (for its checkpointed state), the store, the clock. */
export interface FailedRunContext {
  graph: PromotionGraph;
  db: Db;
  clock: Clock;
}

/** The thread's latest top-level checkpoint id and how many it has, under the graph's saver. */
export async function latestCheckpoint(
  graph: PromotionGraph,
  threadId: string,
): Promise<{ id: string | null; count: number }> {
  const head = (await durableRunsFor(graph.checkpointer).threadHeads(threadId)).get(threadId);
  return { id: head?.latest ?? null, count: head?.count ?? 0 };
}

export function statusOf(db: Db, id: string): DecisionRecord["status"] | null {
  const row = db.prepare("SELECT status FROM decisions WHERE id = ?").get(id) as
    { status: DecisionRecord["status"] } | undefined;
  return row?.status ?? null;
}

/**
 * Records a run as failed in the decision log, at its last checkpoint, so it no longer counts
 * as unfinished. A run that already has a settled record is left as it is.
 */
export async function recordFailedRun(
  ctx: FailedRunContext,
  threadId: string,
  reason: string,
): Promise<DecisionRecord | null> {
  const status = statusOf(ctx.db, threadId);
  if (status !== null && status !== "running") return null;
  const snap = await ctx.graph.getState({ configurable: { thread_id: threadId } });
  const values = snap.values as Partial<PromotionStateValue>;
  if (!values.scope) return null; // nothing was stored: nothing can block a later run
  const now = ctx.clock.now().toISOString();
  const base = recordFromState(values as PromotionStateValue, {
    now,
    reasonerName: "none",
    checkpointId: (await latestCheckpoint(ctx.graph, threadId)).id,
  });
  const record: DecisionRecord = {
    ...base,
    id: threadId,
    threadId,
    status: "failed",
    outcome: { status: "failed", reason },
  };
  saveDecision(ctx.db, record);
  return record;
}
