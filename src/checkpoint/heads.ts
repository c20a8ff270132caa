import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { prepared, type Db } from "../store/index.js";

/** A thread's newest top-level checkpoint and how many it has: what crash recovery reads. */
export interface ThreadHead {
  latest: string;
  count: number;
}

/** Every thread's head (or one's) in the shipped SQLite saver's table; none when it was never made. */
export function storedThreadHeads(db: Db, threadId?: string): Map<string, ThreadHead> {
  const heads = new Map<string, ThreadHead>();
  const table = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'checkpoints'";
  if (!prepared(db, table).get()) return heads;
  const sql = `SELECT thread_id AS id, max(checkpoint_id) AS latest, count(*) AS n FROM checkpoints
    WHERE checkpoint_ns = '' AND (@thread IS NULL OR thread_id = @thread) GROUP BY thread_id`;
  const rows = prepared(db, sql).all({ thread: threadId ?? null }) as Row[];
  for (const r of rows) heads.set(r.id, { latest: r.latest, count: r.n });
  return heads;
}

type Row = { id: string; latest: string; n: number };

/**
 * Every thread's head as any saver lists it: each top-level checkpoint is read once (with its
 * values, which LangGraph's `list` always loads), so this is for recovery, not a hot path.
 */
export async function listedThreadHeads(
  saver: BaseCheckpointSaver,
  threadId?: string,
): Promise<Map<string, ThreadHead>> {
  const heads = new Map<string, ThreadHead>();
  const configurable = {
    checkpoint_ns: "",
    ...(threadId === undefined ? {} : { thread_id: threadId }),
  };
  for await (const t of saver.list({ configurable })) {
    const id = t.config.configurable?.thread_id as string | undefined;
    const checkpointId = t.checkpoint.id;
    if (id === undefined || (t.config.configurable?.checkpoint_ns ?? "") !== "") continue;
    const head = heads.get(id);
    if (!head) heads.set(id, { latest: checkpointId, count: 1 });
    else {
      head.count++;
      if (checkpointId > head.latest) head.latest = checkpointId;
    }
  }
  return heads;
}
