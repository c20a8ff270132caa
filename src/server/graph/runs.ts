import { randomUUID } from "node:crypto";
import type { Clock } from "../../policies/index.js";
import { ApiError } from "../errors.js";
import type { EventBus } from "../events.js";
import type { GraphPort, RunChunk, RunInput } from "./port.js";

export type RunStatus = "pending" | "running" | "success" | "interrupted" | "error";

/** A run as the API reports it (held in memory: the graph's checkpoints are the durable record). */
export interface RunRecord {
  runId: string;
  threadId: string;
  kind: RunInput["kind"];
  status: RunStatus;
  createdAt: string;
  updatedAt: string;
  error?: string;
}

/**
 * Runs on threads, one at a time per thread. A run posted while another is active on the same
 * thread is rejected with 409 — the `reject` multitask strategy, LangGraph Agent Server's default —
 * because two runs interleaving on one checkpoint could double-vote or launch twice.
 */
export interface RunManager {
  /** Starts in the background and returns at once. */
  start(threadId: string, input: RunInput): RunRecord;
  /** Runs to the end (or the next interrupt). */
  wait(threadId: string, input: RunInput): Promise<RunRecord>;
  /** Runs, handing each node's update to `onChunk` as it happens. */
  stream(threadId: string, input: RunInput, onChunk: (c: RunChunk) => Promise<void>, signal?: AbortSignal): Promise<RunRecord>;
  get(runId: string): RunRecord | undefined;
  isBusy(threadId: string): boolean;
}

/** Creates the run manager over a graph port; results are published on the event bus. */
export function createRunManager(port: GraphPort, events: EventBus, clock: Clock, keep = 500): RunManager {
  const runs = new Map<string, RunRecord>();
  const busy = new Set<string>();

  function claim(threadId: string, input: RunInput): RunRecord {
    if (busy.has(threadId)) throw new ApiError(409, "THREAD_BUSY", `thread ${threadId} already has a run in progress (multitask strategy: reject); retry when it finishes`);
    busy.add(threadId);
    const at = clock.now().toISOString();
    const run: RunRecord = { runId: randomUUID(), threadId, kind: input.kind, status: "pending", createdAt: at, updatedAt: at };
    runs.set(run.runId, run);
    if (runs.size > keep) runs.delete(runs.keys().next().value!);
    return run;
  }

  async function execute(run: RunRecord, input: RunInput, onChunk?: (c: RunChunk) => Promise<void>, signal?: AbortSignal): Promise<RunRecord> {
    try {
      run.status = "running";
      for await (const chunk of port.stream(run.threadId, input, signal)) await onChunk?.(chunk);
      const state = await port.state(run.threadId);
      run.status = state && state.interrupts.length > 0 ? "interrupted" : "success";
    } catch (e) {
      run.status = "error";
      run.error = e instanceof Error ? e.message : String(e);
      if (e instanceof ApiError) throw e;
    } finally {
      run.updatedAt = clock.now().toISOString();
      busy.delete(run.threadId);
      events.publish("run", { runId: run.runId, threadId: run.threadId, status: run.status, ...(run.error ? { error: run.error } : {}) });
      const rec = port.get(run.threadId);
      if (rec) events.publish("decision", { decisionId: rec.record.id, status: rec.record.status });
    }
    return run;
  }

  return {
    start(threadId, input) {
      const run = claim(threadId, input);
      void execute(run, input).catch(() => undefined); // the error is on the run record
      return { ...run };
    },
    wait: async (threadId, input) => ({ ...(await execute(claim(threadId, input), input)) }),
    stream: async (threadId, input, onChunk, signal) => ({ ...(await execute(claim(threadId, input), input, onChunk, signal)) }),
    get: (runId) => runs.get(runId),
    isBusy: (threadId) => busy.has(threadId),
  };
}
