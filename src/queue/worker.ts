import { isAutopromoError } from "../errors.js";
import { getDecision, GraphError, type RunResult } from "../graph/index.js";
import { createReasonerFromEnv } from "../llm/index.js";
import { QueueError } from "./errors.js";
import { beatWhileHeld } from "./heartbeat.js";
import { openRunLocks, type RunLocks } from "./run-lock.js";
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
  /**
   * How long a job waits for a run another process (or slot) holds to be released, before it
   * goes back to the queue (default 2 minutes: past a dead host's 60 s lease).
   */
  busyWaitMs?: number;
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

/** Waits `ms`, or less when `signal` aborts (its listener goes either way). */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
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
  const n = Math.max(1, o.concurrency ?? 1);
  // A lock session per slot: a sibling slot is excluded like a worker on another machine.
  const locks = await Promise.all(Array.from({ length: n }, () => openRunLocks(o.queue.url)));
  const slots = locks.map(() => new ScopeSlot({ ...o, reasoner }));
  try {
    await Promise.all(slots.map((slot, i) => loop(o, slot, locks[i]!, report)));
  } finally {
    for (const s of slots) s.close();
    await Promise.all(locks.map((l) => l.close().catch(() => undefined)));
  }
  return report;
}

async function loop(
  o: ScopeWorkerOptions,
  slot: ScopeSlot,
  locks: RunLocks,
  report: WorkerReport,
): Promise<void> {
  const { boss, name } = o.queue;
  while (!o.signal?.aborted) {
    const [job] = await boss.fetch<unknown>(name, { batchSize: 1 });
    if (!job) {
      await sleep(o.idleMs ?? 250, o.signal);
      continue;
    }
    const end = await handle(o, slot, locks, job.id, job.data);
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
  locks: RunLocks,
  jobId: string,
  data: unknown,
): Promise<JobReport> {
  let job: ScopeJob | null = null;
  const beat = beatWhileHeld(o.queue, jobId);
  try {
    job = parseScopeJob(data, jobId);
    const r = await runWhenFree(o, slot, locks, job);
    return { jobId, job, ended: "completed", outcome: outcomeOf(r) };
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

/**
 * Runs the job's scope under its run lock. While another worker holds the run (an expired job
 * whose worker is alive but slow), or another process its SQLite lease (RUN_BUSY), waits with
 * backoff and tries again, so the job ends with the run's own result (a settled run is read
 * back, never planned twice) instead of burning retries.
 */
async function runWhenFree(
  o: ScopeWorkerOptions,
  slot: ScopeSlot,
  locks: RunLocks,
  job: ScopeJob,
): Promise<RunResult> {
  const until = Date.now() + (o.busyWaitMs ?? 120_000);
  for (let pause = 100; ; pause = Math.min(pause * 2, 2_000)) {
    try {
      if (!(await locks.tryLock(job.decisionId)))
        throw new GraphError("RUN_BUSY", `run ${job.decisionId} is in progress in another worker`);
      try {
        return await slot.run(job);
      } finally {
        await locks.unlock(job.decisionId);
      }
    } catch (e) {
      const busy = e instanceof GraphError && e.code === "RUN_BUSY";
      if (!busy || Date.now() + pause > until) throw e;
      await sleep(pause);
    }
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
