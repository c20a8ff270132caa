import { storedThreadHeads } from "../checkpoint/index.js";
import type { DecisionRecord } from "../domain/decision.js";
import type { Db } from "../store/index.js";
import { recordFromState, saveDecision } from "./decisions.js";
import { GraphError } from "./errors.js";
import { defaultLease } from "./lease.js";
import { latestCheckpoint, statusOf } from "./run-failed.js";
import { findUnfinishedRuns, unfinishedRuns, type RunContext } from "./run.js";
import type { PromotionStateValue } from "./state.js";

/** One run a stop, crash or failure left unfinished, as `autopromo runs` lists it. */
export interface UnfinishedRun {
  id: string;
  category: string | null;
  market: string | null;
  /** The decision record's status, or null when the run never got as far as one. */
  status: DecisionRecord["status"] | null;
  checkpoints: number;
  startedAt: string | null;
}

/**
 * Every unfinished run on the shipped SQLite saver (see {@link unfinishedRuns}) with its scope,
 * status and checkpoints.
 */
export function listUnfinishedRuns(db: Db): UnfinishedRun[] {
  const heads = storedThreadHeads(db);
  return unfinishedRuns(db, defaultLease()).map((id) => {
    const d = db
      .prepare("SELECT category, market, status, created_at FROM decisions WHERE id = ?")
      .get(id) as
      | {
          category: string | null;
          market: string | null;
          status: DecisionRecord["status"];
          created_at: string;
        }
      | undefined;
    // Without a record the id is the only place the scope is written (dec-<category>-<market>-…).
    const guess = /^dec-(.+)-([A-Za-z0-9_]+(?:-[A-Z]+)?)-\d{14}-[0-9a-f]+$/.exec(id);
    return {
      id,
      category: d?.category ?? guess?.[1] ?? null,
      market: d?.market ?? guess?.[2] ?? null,
      status: d?.status ?? null,
      checkpoints: heads.get(id)?.count ?? 0,
      startedAt: d?.created_at ?? null,
    };
  });
}

/**
 * Abandons an unfinished run (a unique prefix of its id is accepted): its decision record says
 * failed, who abandoned it and why, so resumes and later runs pass it by. Only unfinished runs
 * can be abandoned; a decision awaiting approval is rejected instead.
 */
export async function abandonRun(
  ctx: RunContext,
  id: string,
  who: { by: string; reason: string },
): Promise<DecisionRecord> {
  const open = await findUnfinishedRuns({ ...ctx, lease: defaultLease() });
  const matches = open.filter((r) => r === id || r.startsWith(id));
  const exact = matches.includes(id) ? [id] : matches;
  if (exact.length === 0)
    throw new GraphError(
      "NOT_FOUND",
      `no unfinished run ${id} (autopromo runs lists them: ${open.length ? open.join(", ") : "none now"})`,
    );
  if (exact.length > 1)
    throw new GraphError(
      "INVALID_INPUT",
      `${id} names ${exact.length} unfinished runs: ${exact.join(", ")}; give more of the id`,
    );
  const threadId = exact[0]!;
  const reason = `abandoned by ${who.by}: ${who.reason}`;
  const prior = statusOf(ctx.db, threadId);
  const snap = await ctx.graph.getState({ configurable: { thread_id: threadId } });
  const values = snap.values as Partial<PromotionStateValue>;
  const now = ctx.clock.now().toISOString();
  const checkpointId = (await latestCheckpoint(ctx.graph, threadId)).id;
  const stored =
    prior === null
      ? null
      : (
          ctx.db.prepare("SELECT record FROM decisions WHERE id = ?").get(threadId) as {
            record: string;
          }
        ).record;
  const base: DecisionRecord = stored
    ? (JSON.parse(stored) as DecisionRecord)
    : recordFromState(
        {
          ...values,
          decisionId: threadId,
          scope: values.scope ?? {},
          trigger: values.trigger ?? { kind: "scope" },
          findings: values.findings ?? [],
          revisions: values.revisions ?? [],
        } as PromotionStateValue,
        { now, reasonerName: "none", checkpointId },
      );
  const record: DecisionRecord = {
    ...base,
    status: "failed",
    outcome: { status: "failed", reason },
    checkpointId,
    updatedAt: now,
  };
  saveDecision(ctx.db, record);
  return record;
}
