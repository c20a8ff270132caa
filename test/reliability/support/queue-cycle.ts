import type { ChildProcess } from "node:child_process";
import { DEMO_NOW } from "../../../src/graph/testing/demo-db.js";
import { allScopes } from "../../../src/graph/index.js";
import {
  enqueueCycle,
  openScopeQueue,
  waitForCycle,
  type ScopeJobEnd,
} from "../../../src/queue/index.js";
import { openDb } from "../../../src/store/index.js";
import { finished, printed, startScript, type ScriptResult } from "./child.js";

/** Seconds without a heartbeat before a job is offered again: a killed worker costs about this. */
const EXPIRE_SECONDS = 4;

/** One worker process to start: killed at a tick label, or left alone. */
export interface WorkerPlan {
  kill?: { label: string; nth: number };
}

/** A demo cycle run through the queue by worker processes, and how each process ended. */
export interface QueueCycleRun {
  ends: ScopeJobEnd[];
  workers: ScriptResult[];
  /** Each worker's JSON report (null for one that was killed). */
  reports: ({ completed: number; failed: number; jobs: string[] } | null)[];
}

/**
 * Starts one worker process per plan on `dbPath`, waits until all take jobs, enqueues the
 * demo cycle (at DEMO_NOW) on `schema`, waits for every job to end, then SIGTERMs the workers
 * still running and collects what they printed.
 */
export async function runQueueCycle(
  dbPath: string,
  url: string,
  schema: string,
  plans: WorkerPlan[],
): Promise<QueueCycleRun> {
  const queue = await openScopeQueue({
    url,
    schema,
    expireInSeconds: EXPIRE_SECONDS,
    retryDelaySeconds: 0,
  });
  const children: ChildProcess[] = plans.map((p) =>
    startScript("queue-worker.ts", [dbPath, url, schema], {
      LANGCHAIN_CALLBACKS_BACKGROUND: "false",
      QUEUE_EXPIRE_SECONDS: String(EXPIRE_SECONDS),
      ...(p.kill ? { CRASH_KILL_LABEL: p.kill.label, CRASH_KILL_NTH: String(p.kill.nth) } : {}),
    }),
  );
  const done = children.map((c) => finished(c));
  try {
    await Promise.all(children.map((c) => printed(c, "ready")));
    const db = openDb(dbPath);
    const scopes = allScopes(db);
    db.close();
    const cycle = await enqueueCycle(queue, { now: DEMO_NOW, scopes });
    const ends = await waitForCycle(queue, cycle, { pollMs: 100, timeoutMs: 90_000 });
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
    const workers = await Promise.all(done);
    const reports = workers.map((w) => {
      const line = w.stdout.split("\n").find((l) => l.startsWith("{"));
      return line ? (JSON.parse(line) as QueueCycleRun["reports"][number]) : null;
    });
    return { ends, workers, reports };
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await queue.stop();
  }
}
