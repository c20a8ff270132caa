import { randomUUID } from "node:crypto";
import type { Clock } from "../../domain/index.js";
import { ApiError } from "../errors.js";
import type { EventBus } from "../events.js";
import type { EpisodicGraph } from "./episodes.js";
import { RunLog, type LoggedPart } from "./run-log.js";
import type { AssistantGraph, DecisionSource, RunInput, StreamPart } from "./port.js";

export type RunStatus = "pending" | "running" | "success" | "interrupted" | "error" | "timeout";
export type RunStrategy = "reject" | "enqueue";

/** A run in the Agent Server's shape (kept in memory: the graph's checkpoints are the durable record). */
export interface RunRecord {
  run_id: string;
  thread_id: string;
  assistant_id: string;
  created_at: string;
  updated_at: string;
  status: RunStatus;
  metadata: Record<string, unknown>;
  multitask_strategy: RunStrategy;
  kwargs: { kind: RunInput["kind"]; stream_mode: string[] };
  /** Why the run failed (status error). */
  error?: string;
}

/** How a run is asked for: which assistant, what to stream, how to share the thread. */
export interface RunOptions {
  assistantId?: string;
  strategy?: RunStrategy;
  modes?: string[];
  metadata?: Record<string, unknown>;
  recursionLimit?: number;
  interruptBefore?: "*" | string[];
  interruptAfter?: "*" | string[];
}

interface Run {
  rec: RunRecord;
  input: RunInput;
  graph: AssistantGraph;
  opts: RunOptions;
  abort: AbortController;
  log: RunLog;
  done: Promise<RunRecord>;
  settle: (r: RunRecord) => void;
  /** The thread's values at the end, with `__interrupt__` when paused (what wait and join answer). */
  output?: Record<string, unknown>;
}

/**
 * Runs on threads. Whether a run may start is decided synchronously when it is created, before
 * anything awaits, so two requests however close together cannot both pass: with `reject` (the
 * default) a run on a busy thread is a 409; with `enqueue` it waits its turn. On the promotion
 * graph a start on a thread that holds a decision takes a new decision (see `episodic`); on
 * other graphs it is a 409 with `reject`, and only continues the thread with `enqueue`.
 */
export interface RunManager {
  /** Claims the thread (409 per the strategy) and starts or queues the run; returns at once. */
  create(threadId: string, graph: AssistantGraph, input: RunInput, opts?: RunOptions): RunRecord;
  /** Runs to the end (or the next interrupt) on the promotion graph the manager was made with. */
  wait(threadId: string, input: RunInput, opts?: RunOptions): Promise<RunRecord>;
  /** Waits for the run; then its record and output. */
  join(runId: string): Promise<{ run: RunRecord; output: Record<string, unknown> }>;
  /** Follows a run's parts from after `lastEventId` until it ends. */
  follow(runId: string, after?: number): AsyncIterable<LoggedPart>;
  get(runId: string): RunRecord | undefined;
  list(threadId: string, o?: { limit?: number; offset?: number; status?: RunStatus }): RunRecord[];
  /** Cancels a pending or running run; resolves when it has stopped. */
  cancel(runId: string): Promise<RunRecord>;
  /** Forgets a finished run (409 while it runs). */
  remove(runId: string): void;
  isBusy(threadId: string): boolean;
  /** The status of the thread's last finished run, if any. */
  lastStatus(threadId: string): RunStatus | undefined;
}

const ACTIVE: ReadonlySet<RunStatus> = new Set(["pending", "running"]);

/** Creates the run manager; `graph` serves `wait` (the approvals route's resumes). Results go on the event bus. */
export function createRunManager(
  graph: AssistantGraph &
    Partial<DecisionSource & Pick<EpisodicGraph, "decisionOf" | "assertMayStart">>,
  events: EventBus,
  clock: Clock,
  keep = 500,
): RunManager {
  const runs = new Map<string, Run>();
  const started = new Set<string>();
  const now = () => clock.now().toISOString();
  const ofThread = (threadId: string) =>
    [...runs.values()].filter((r) => r.rec.thread_id === threadId);
  const active = (threadId: string) => ofThread(threadId).filter((r) => ACTIVE.has(r.rec.status));

  function claim(threadId: string, g: AssistantGraph, input: RunInput, opts: RunOptions): Run {
    const strategy = opts.strategy ?? "reject";
    const busy = active(threadId).length > 0;
    if (busy && strategy === "reject") {
      throw new ApiError(
        409,
        "THREAD_BUSY",
        `thread ${threadId} already has a run in progress (multitask_strategy reject); retry when it ends, or send multitask_strategy enqueue`,
      );
    }
    let run = input;
    const restarts = g === graph && graph.assertMayStart !== undefined;
    if (input.kind === "start" && restarts) graph.assertMayStart!(threadId);
    else if (input.kind === "start" && (started.has(threadId) || g.started(threadId))) {
      if (strategy === "reject") {
        throw new ApiError(
          409,
          "THREAD_STARTED",
          `thread ${threadId} already holds its decision: create a new thread for a new decision, resume it with command.resume, or continue it with a null input`,
        );
      }
      run = { kind: "continue" };
    }
    if (run.kind === "start") started.add(threadId);
    const at = now();
    const modes = opts.modes ?? ["values"];
    const rec: RunRecord = {
      run_id: randomUUID(),
      thread_id: threadId,
      assistant_id: opts.assistantId ?? "promotion",
      created_at: at,
      updated_at: at,
      status: "pending",
      metadata: opts.metadata ?? {},
      multitask_strategy: strategy,
      kwargs: { kind: run.kind, stream_mode: modes },
    };
    let settle!: (r: RunRecord) => void;
    const done = new Promise<RunRecord>((res) => (settle = res));
    const r: Run = {
      rec,
      input: run,
      graph: g,
      opts: { ...opts, modes },
      abort: new AbortController(),
      log: new RunLog(),
      done,
      settle,
    };
    runs.set(rec.run_id, r);
    prune();
    return r;
  }

  function prune(): void {
    if (runs.size <= keep) return;
    for (const [id, r] of runs) {
      if (runs.size <= keep) break;
      if (!ACTIVE.has(r.rec.status)) runs.delete(id);
    }
  }

  /** Starts the thread's oldest pending run when nothing runs on it. */
  function next(threadId: string): void {
    const mine = ofThread(threadId);
    if (mine.some((r) => r.rec.status === "running")) return;
    const first = mine.find((r) => r.rec.status === "pending");
    if (first) void execute(first);
  }

  async function execute(r: Run): Promise<void> {
    const { rec } = r;
    rec.status = "running";
    rec.updated_at = now();
    r.log.push({
      event: "metadata",
      data: { run_id: rec.run_id, thread_id: rec.thread_id, attempt: 1 },
    });
    try {
      const o = r.opts;
      const parts: AsyncIterable<StreamPart> = r.graph.stream(rec.thread_id, r.input, {
        modes: o.modes ?? ["values"],
        signal: r.abort.signal,
        ...(o.recursionLimit ? { recursionLimit: o.recursionLimit } : {}),
        ...(o.interruptBefore ? { interruptBefore: o.interruptBefore } : {}),
        ...(o.interruptAfter ? { interruptAfter: o.interruptAfter } : {}),
      });
      for await (const p of parts) r.log.push(p);
      const state = await r.graph.state(rec.thread_id);
      const interrupts = state?.interrupts ?? [];
      r.output = {
        ...(state?.values ?? {}),
        ...(interrupts.length ? { __interrupt__: interrupts } : {}),
      };
      rec.status = interrupts.length ? "interrupted" : "success";
    } catch (e) {
      const cancelled = r.abort.signal.aborted;
      rec.status = cancelled ? "interrupted" : "error";
      const message = e instanceof Error ? e.message : String(e);
      if (!cancelled) {
        rec.error = message;
        const error = e instanceof ApiError ? e.code : e instanceof Error ? e.name : "Error";
        r.log.push({ event: "error", data: { error, message } });
        r.output = { __error__: { error, message } };
      } else {
        r.output = { ...((await r.graph.state(rec.thread_id).catch(() => null))?.values ?? {}) };
      }
    } finally {
      rec.updated_at = now();
      r.log.close();
      events.publish("run", {
        runId: rec.run_id,
        threadId: rec.thread_id,
        status: rec.status,
        ...(rec.error ? { error: rec.error } : {}),
      });
      const decision =
        r.graph === graph ? graph.get?.(graph.decisionOf?.(rec.thread_id) ?? rec.thread_id) : null;
      if (decision)
        events.publish("decision", {
          decisionId: decision.record.id,
          status: decision.record.status,
        });
      r.settle({ ...rec });
      next(rec.thread_id);
    }
  }

  const find = (runId: string): Run => {
    const r = runs.get(runId);
    if (!r) throw new ApiError(404, "NOT_FOUND", `no run ${runId}`);
    return r;
  };

  return {
    create(threadId, g, input, opts = {}) {
      const r = claim(threadId, g, input, opts);
      next(threadId);
      return { ...r.rec };
    },
    async wait(threadId, input, opts = {}) {
      const r = claim(threadId, graph, input, opts);
      next(threadId);
      return r.done;
    },
    async join(runId) {
      const r = find(runId);
      const run = await r.done;
      return { run, output: r.output ?? {} };
    },
    follow: (runId, after) => find(runId).log.follow(after),
    get: (runId) => (runs.has(runId) ? { ...runs.get(runId)!.rec } : undefined),
    list(threadId, o = {}) {
      const all = ofThread(threadId)
        .map((r) => ({ ...r.rec }))
        .filter((r) => !o.status || r.status === o.status);
      const offset = o.offset ?? 0;
      return all.reverse().slice(offset, offset + (o.limit ?? 10));
    },
    async cancel(runId) {
      const r = find(runId);
      if (r.rec.status === "pending") {
        r.rec.status = "interrupted";
        r.rec.updated_at = now();
        r.log.close();
        r.settle({ ...r.rec });
        return { ...r.rec };
      }
      r.abort.abort();
      return r.done;
    },
    remove(runId) {
      const r = find(runId);
      if (ACTIVE.has(r.rec.status))
        throw new ApiError(409, "RUN_ACTIVE", `run ${runId} is ${r.rec.status}; cancel it first`);
      runs.delete(runId);
    },
    isBusy: (threadId) => active(threadId).length > 0,
    lastStatus: (threadId) =>
      ofThread(threadId)
        .filter((r) => !ACTIVE.has(r.rec.status))
        .at(-1)?.rec.status,
  };
}
