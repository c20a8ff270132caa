import { Worker } from "node:worker_threads";
import type { DecisionStatus } from "../domain/decision.js";
import { openDb, startWalCheckpointer, WriteGate } from "../store/index.js";
import { GraphError } from "./errors.js";
import { allScopes, type RunResult } from "./run.js";

/** A cycle spread over worker threads, each with its own connection to the same database file. */
export interface WorkerCycleOptions {
  dbPath: string;
  /** The cycle's instant (ISO): every worker plans as of the same moment. */
  now: string;
  /** Default: the shipped policy. */
  policyPath?: string;
  /** Plan in shadow mode (see PromotionGraphOptions.shadow). */
  shadow?: boolean;
  workers: number;
  filter?: { category?: string; market?: string };
  onScope?: (done: number, total: number) => void;
}

export interface WorkerCycleReport {
  results: RunResult[];
  byStatus: Partial<Record<DecisionStatus, number>>;
}

/** What a cycle worker is given, and what it sends back. */
export interface CycleJob {
  dbPath: string;
  now: string;
  policyPath?: string;
  /** Plan in shadow mode (see PromotionGraphOptions.shadow). */
  shadow?: boolean;
  scopes: { category: string; market: string }[];
  /** The cycle checkpoints the WAL on a thread of its own (startWalCheckpointer): the worker's commits must not. */
  walCheckpointsElsewhere: boolean;
  /** The workers' shared write gate (see WriteGate). */
  writeGate: SharedArrayBuffer;
}
export type CycleMessage =
  | { type: "scope"; result: RunResult }
  | { type: "error"; message: string; stack?: string }
  | { type: "end" };

/**
 * Runs a cycle on `workers` threads (the default graph, the offline or env-configured reasoner).
 * A category's markets go to the same worker, so its fitted effects and series are computed once.
 */
export async function runCycleInWorkers(o: WorkerCycleOptions): Promise<WorkerCycleReport> {
  const db = openDb(o.dbPath);
  // A thread of its own checkpoints the WAL while the workers write: their commits never pay for it.
  const walCheckpoints = startWalCheckpointer(db);
  try {
    return await runInWorkers(o, allScopes(db, o.filter));
  } finally {
    await walCheckpoints.stop();
    db.close();
  }
}

async function runInWorkers(
  o: WorkerCycleOptions,
  scopes: { category: string; market: string }[],
): Promise<WorkerCycleReport> {
  const categories = [...new Set(scopes.map((s) => s.category))];
  const n = Math.max(1, Math.min(o.workers, categories.length));
  const part = new Map(categories.map((c, i) => [c, i % n]));
  const writeGate = new WriteGate().buffer;
  const jobs = Array.from({ length: n }, (_, w) => ({
    dbPath: o.dbPath,
    now: o.now,
    shadow: o.shadow === true,
    ...(o.policyPath ? { policyPath: o.policyPath } : {}),
    scopes: scopes.filter((s) => part.get(s.category) === w),
    walCheckpointsElsewhere: true,
    writeGate,
  }));
  const results: RunResult[] = [];
  o.onScope?.(0, scopes.length);
  await Promise.all(
    jobs.map(
      (job) =>
        new Promise<void>((resolve, reject) => {
          const worker = startWorker(job);
          worker.on("message", (m: CycleMessage) => {
            if (m.type === "scope") {
              results.push(m.result);
              o.onScope?.(results.length, scopes.length);
            } else if (m.type === "error")
              reject(
                new GraphError("WORKER_FAILED", `cycle worker failed: ${m.message}`, {
                  cause: m.stack,
                }),
              );
            else resolve();
          });
          worker.on("error", (e) =>
            reject(
              new GraphError("WORKER_FAILED", `cycle worker failed: ${e.message}`, { cause: e }),
            ),
          );
          worker.on("exit", (code) =>
            code === 0
              ? resolve()
              : reject(new GraphError("WORKER_FAILED", `cycle worker exited with code ${code}`)),
          );
        }),
    ),
  );
  const byStatus: WorkerCycleReport["byStatus"] = {};
  for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  return { results, byStatus };
}

/**
 * A worker's young generation: 3 × the 64 MB semi-space the CLI gives the main thread
 * (`--max-semi-space-size=64`). A scope's plan allocates thousands of short-lived scenario
 * objects; with V8's default 16 MB semi-space they survive into the old generation and the
 * collector, not the planner, sets the pace.
 */
const YOUNG_GENERATION_MB = 192;

/** Built, the worker is plain .js; from source (tsx, vitest) it is .ts and must register tsx itself, since workers do not inherit loaders. */
function startWorker(job: CycleJob): Worker {
  const options = {
    workerData: job,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  };
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./cycle-worker.js", import.meta.url), options);
  const url = new URL("./cycle-worker.ts", import.meta.url).href;
  const boot = `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(url)}); })`;
  return new Worker(boot, { eval: true, ...options });
}
