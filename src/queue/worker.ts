import { isAutopromoError } from "../errors.js";
import { getDecision, GraphError, type RunResult } from "../graph/index.js";
import { createReasonerFromEnv } from "../llm/index.js";
import { QueueError } from "./errors.js";
import { beatWhileHeld } from "./heartbeat.js";
import { parseScopeJob, type ScopeJob, type ScopeOutcome } from "./job.js";
import type { ScopeQueue } from "./queue.js";
import { ScopeSlot, type SlotOptions } from "./slot.js";

/** A worker process's share of the queue. */
export interface ScopeWorkerOptions extends Omit<SlotOptions, "reasoner"> {
  queue: ScopeQueue;
  /** Jobs run at once, each on its own SQLite connection (default 1). */
  concurrency?: number;
  /** Aborted: take no new job; the ones in hand finish, are completed, then the worker returns. */
  signal?: AbortSignal;
  /** Wait between two looks at an empty queue (default 250 ms). */
  idleMs?: number;
  /** Default: the offline reasoner, or the LLM one the environment configures. */
  reasoner?: SlotOptions["reasoner"];
  /** After each job: what it ended with (a failed job is offered again until its retries run out). */
  onJob?: (e: JobReport) => void;
}

/** What one job ended with in this worker. */
export interface JobReport {
  jobId: string;
  job: ScopeJob | null;
  /** completed: the scope is decided (or recorded as failed); failed: sent back to the queue. */
  ended: "completed" | "failed";
  outcome: ScopeOutcome | null;
  error?: string;
}

/** What a worker did before it stopped. */
export interface WorkerReport {
  completed: number;
  failed: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

/**
 * Takes scope jobs until `signal` aborts: fetch → run the scope as the cycle workers do (same
 * decision id on every try) → complete with the run's result, or fail with the error so the job
 * is retried. A run recorded as failed for a typed reason (no data, a bad policy) is complete:
 * trying it again would fail the same way.
 */
export async function runScopeWorker(o: ScopeWorkerOptions): Promise<WorkerReport> {
  const reasoner = o.reasoner ?? createReasonerFromEnv(process.env);
  const report: WorkerReport = { completed: 0, failed: 0 };
  // A job that expired and came back may land on a sibling slot while this process still runs it.
  const inHand = new Set<string>();
  const slots = Array.from(
    { length: Math.max(1, o.concurrency ?? 1) },
    () => new ScopeSlot({ ...o, reasoner }),
  );
  try {
    await Promise.all(slots.map((slot) => loop(o, slot, inHand, report)));
  } finally {
    for (const s of slots) s.close();
  }
  return report;
}

async function loop(
  o: ScopeWorkerOptions,
  slot: ScopeSlot,
  inHand: Set<string>,
  report: WorkerReport,
): Promise<void> {
  const { boss, name } = o.queue;
  while (!o.signal?.aborted) {
    const [job] = await boss.fetch<unknown>(name, { batchSize: 1 });
    if (!job) {
      await sleep(o.idleMs ?? 250, o.signal);
      continue;
    }
    const end = await handle(o, slot, inHand, job.id, job.data);
    if (end.ended === "completed") {
      await boss.complete(name, job.id, end.outcome ?? {});
      report.completed++;
    } else {
      await boss.fail(name, job.id, { message: end.error ?? "failed" });
      report.failed++;
    }
    o.onJob?.(end);
  }
}

async function handle(
  o: ScopeWorkerOptions,
  slot: ScopeSlot,
  inHand: Set<string>,
  jobId: string,
  data: unknown,
): Promise<JobReport> {
  let job: ScopeJob | null = null;
  const beat = beatWhileHeld(o.queue, jobId);
  try {
    job = parseScopeJob(data, jobId);
    if (inHand.has(job.decisionId))
      throw new GraphError("RUN_BUSY", `run ${job.decisionId} is in progress in this worker`);
    inHand.add(job.decisionId);
    try {
      const r = await slot.run(job);
      return { jobId, job, ended: "completed", outcome: outcomeOf(r) };
    } finally {
      inHand.delete(job.decisionId);
    }
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    if (job && recordedFailed(slot, job, e))
      return {
        jobId,
        job,
        ended: "completed",
        outcome: { decisionId: job.decisionId, failed: error },
        error,
      };
    return { jobId, job, ended: "failed", outcome: null, error };
  } finally {
    beat.stop();
  }
}

/** A typed error the run recorded on its decision as failed: the scope is decided. */
function recordedFailed(slot: ScopeSlot, job: ScopeJob, e: unknown): boolean {
  if (!isAutopromoError(e) || e instanceof QueueError) return false;
  if (e instanceof GraphError && e.code === "RUN_BUSY") return false;
  try {
    return getDecision(slot.db, job.decisionId).status === "failed";
  } catch {
    return false;
  }
}

function outcomeOf(r: RunResult): ScopeOutcome {
  return {
    decisionId: r.decisionId,
    status: r.status,
    interrupted: r.interrupted,
    checkpointId: r.checkpointId,
    ...(r.joinedBy ? { joinedBy: r.joinedBy } : {}),
  };
}
