import type { Clock } from "../../domain/index.js";
import type { Db } from "../../store/index.js";
import { ApiError } from "../errors.js";
import type { GraphPort, RunInput, StreamOptions, StreamPart, ThreadStateView } from "./port.js";

/** The `thread_episodes` table: the decisions an API thread took after its first. */
function episodesStore(db: Db) {
  const later = db.prepare(
    "SELECT decision_id FROM thread_episodes WHERE thread_id = ? ORDER BY seq DESC",
  );
  const add = db.prepare(
    `INSERT INTO thread_episodes (thread_id, seq, decision_id, created_at)
     SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ? FROM thread_episodes WHERE thread_id = ?`,
  );
  return {
    /** The thread's decisions, newest first; the thread's own id (its first decision) last. */
    all(threadId: string): string[] {
      const ids = (later.all(threadId) as { decision_id: string }[]).map((r) => r.decision_id);
      return [...ids, threadId];
    },
    add(threadId: string, decisionId: string, at: string): void {
      add.run(threadId, decisionId, at, threadId);
    },
  };
}

/** A promotion graph whose threads take one decision after another, as the Agent Server's do. */
export interface EpisodicGraph extends GraphPort {
  /** The decision a thread reads now: its latest (the thread's own id before a second start). */
  decisionOf(threadId: string): string;
  /** Throws 409 when a new start would abandon a decision waiting on approval. */
  assertMayStart(threadId: string): void;
}

/**
 * Lets a thread that holds a finished decision take a new start, as an Agent Server thread takes
 * a new run: the new decision runs on a graph thread of its own (a fresh decision id), so the
 * earlier one keeps its checkpoints, record and campaigns untouched, and the thread's state,
 * history and resumes follow the latest. A start while the latest waits on approval is refused:
 * the request would be left open with no run to resume.
 */
export function episodic(graph: GraphPort, db: Db, clock: Clock): EpisodicGraph {
  const store = episodesStore(db);
  const decisionOf = (threadId: string) => store.all(threadId)[0]!;
  const awaiting = (decisionId: string) =>
    graph.get(decisionId)?.record.status === "awaiting_approval";

  function assertMayStart(threadId: string): void {
    const current = decisionOf(threadId);
    if (awaiting(current)) {
      throw new ApiError(
        409,
        "THREAD_INTERRUPTED",
        `thread ${threadId} waits on approval of ${current}: answer it with command.resume (or POST /approvals) before starting a new decision`,
      );
    }
  }

  async function* stream(
    threadId: string,
    input: RunInput,
    so: StreamOptions,
  ): AsyncIterable<StreamPart> {
    const target = decisionOf(threadId);
    if (input.kind !== "start" || !graph.started(target))
      return yield* graph.stream(target, input, so);
    // A start queued (multitask enqueue) behind a run that paused for approval only continues
    // the thread: it shows the same interrupt and opens no second request.
    if (awaiting(target)) return yield* graph.stream(target, { kind: "continue" }, so);
    const next = graph.newThreadId(input.scope);
    store.add(threadId, next, clock.now().toISOString());
    yield* graph.stream(next, input, so);
  }

  async function state(threadId: string, checkpointId?: string): Promise<ThreadStateView | null> {
    if (!checkpointId) return graph.state(decisionOf(threadId));
    for (const id of store.all(threadId)) {
      const s = await graph.state(id, checkpointId);
      if (s) return s;
    }
    return null;
  }

  // Checkpoint ids order by time (uuid v6) and decisions follow one another, so `before` cuts
  // every decision's checkpoints alike and newest-first per decision is newest-first overall.
  async function history(
    threadId: string,
    h: { limit: number; before?: string },
  ): Promise<ThreadStateView[]> {
    const out: ThreadStateView[] = [];
    for (const id of store.all(threadId)) {
      if (out.length >= h.limit) break;
      out.push(...(await graph.history(id, { ...h, limit: h.limit - out.length })));
    }
    return out;
  }

  return { ...graph, stream, state, history, decisionOf, assertMayStart };
}
