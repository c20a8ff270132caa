import { QueueError } from "./errors.js";
import type { EnqueuedCycle } from "./enqueue.js";
import { scopeOutcomeSchema, type CycleScope, type ScopeOutcome } from "./job.js";
import type { ScopeQueue } from "./queue.js";

/** How long and how often to look at a cycle's jobs. */
export interface WaitOptions {
  /** Between two looks (default 500 ms). */
  pollMs?: number;
  /** Give up after this long (default: never). */
  timeoutMs?: number;
  onProgress?: (done: number, total: number) => void;
}

/** One scope's job at the end of a cycle. */
export interface ScopeJobEnd {
  jobId: string;
  scope: CycleScope;
  /** completed: a worker ran it; failed: its retries ran out. */
  state: "completed" | "failed" | "cancelled";
  outcome: ScopeOutcome;
}

interface JobRow {
  id: string;
  state: string;
  output: unknown;
}

const ENDED = new Set(["completed", "failed", "cancelled"]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until every job of `cycle` has ended (completed, or failed for good) and returns each
 * job's end, in the cycle's order. Reads pg-boss's job and archive tables, asking only about
 * jobs still open. Throws TIMEOUT naming the scopes still open.
 */
export async function waitForCycle(
  queue: ScopeQueue,
  cycle: EnqueuedCycle,
  o: WaitOptions = {},
): Promise<ScopeJobEnd[]> {
  const started = Date.now();
  const ends = new Map<string, ScopeJobEnd>();
  const byId = new Map(cycle.jobs.map((j) => [j.id, j]));
  o.onProgress?.(0, cycle.jobs.length);
  for (;;) {
    const open = cycle.jobs.filter((j) => !ends.has(j.id)).map((j) => j.id);
    if (open.length === 0) break;
    for (const row of await jobRows(queue, open)) {
      if (!ENDED.has(row.state) || ends.has(row.id)) continue;
      const job = byId.get(row.id)!;
      ends.set(row.id, {
        jobId: row.id,
        scope: job.scope,
        state: row.state as ScopeJobEnd["state"],
        outcome: outcomeOf(row, job.decisionId),
      });
    }
    o.onProgress?.(ends.size, cycle.jobs.length);
    if (ends.size === cycle.jobs.length) break;
    if (o.timeoutMs !== undefined && Date.now() - started > o.timeoutMs) {
      const left = cycle.jobs.filter((j) => !ends.has(j.id));
      throw new QueueError(
        "TIMEOUT",
        `${left.length} scope job(s) still open after ${o.timeoutMs} ms: ` +
          left
            .slice(0, 5)
            .map((j) => `${j.scope.category} / ${j.scope.market}`)
            .join(", "),
      );
    }
    await sleep(o.pollMs ?? 500);
  }
  return cycle.jobs.map((j) => ends.get(j.id)!);
}

/** The state of the jobs `ids`, wherever pg-boss keeps them now (job or archive). */
async function jobRows(queue: ScopeQueue, ids: string[]): Promise<JobRow[]> {
  const sql = (table: string) =>
    `SELECT id::text AS id, state::text AS state, output FROM ${queue.schema}.${table}
      WHERE name = $1 AND id = ANY($2::uuid[])`;
  const db = queue.boss.getDb();
  const [live, archived] = await Promise.all([
    db.executeSql(sql("job"), [queue.name, ids]),
    db.executeSql(sql("archive"), [queue.name, ids]),
  ]);
  return [...(live.rows as JobRow[]), ...(archived.rows as JobRow[])];
}

/** A completed job's output as the worker wrote it; a failed one's error message. */
function outcomeOf(row: JobRow, decisionId: string): ScopeOutcome {
  if (row.state === "completed") {
    const r = scopeOutcomeSchema.safeParse(row.output);
    if (r.success) return r.data;
    return { decisionId, failed: `job ${row.id} completed with an unreadable output` };
  }
  const message = (row.output as { message?: unknown } | null)?.message;
  return { decisionId, failed: typeof message === "string" ? message : row.state };
}
