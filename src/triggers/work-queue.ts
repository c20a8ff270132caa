import type { RunTrigger } from "../domain/index.js";
import { TriggerError } from "./errors.js";
import { mergeRunTriggers, type Scope } from "./trigger.js";

/** A scope run waiting or in progress. `event` jobs go before `cycle` jobs. */
export interface ScopeJob {
  scope: Scope;
  trigger: RunTrigger;
}

const abandoned = (s: Scope) =>
  new TriggerError(
    "ABANDONED",
    `run for ${s.category}/${s.market} abandoned: the service is shutting down`,
  );

interface Pending<T> extends ScopeJob {
  waiters: { resolve: (v: T) => void; reject: (e: unknown) => void }[];
}

/**
 * Autonomous runs, one at a time: scheduled cycles and signal-triggered scopes share one SQLite
 * connection and two cores, so running them side by side would only slow each down. An event run
 * jumps the queue of a cycle's remaining scopes (a competitor's price cut should not wait behind
 * twenty routine scopes), and a scope already waiting is not queued twice: the one queued run
 * reads the newest data when it starts, and its trigger carries the facts of every ask.
 */
export interface WorkQueue<T> {
  /** Queues a run (or joins the same scope's waiting one) and resolves with its result. */
  submit(job: ScopeJob): Promise<T>;
  /** Jobs waiting (not the one running). */
  readonly waiting: number;
  readonly busy: boolean;
  /** Drops waiting jobs (they reject with TriggerError ABANDONED); resolves once the running one ended. */
  close(): Promise<void>;
}

const keyOf = (s: Scope) => `${s.category}\u0000${s.market}`;

export interface WorkQueueOptions {
  /**
   * While runs are waiting, rest this fraction of the last run's time (at most 1 s) before the
   * next: a flood of signals then leaves the HTTP server time to answer. 0 (default) = no rest.
   */
  restRatio?: number;
}

/** Creates the queue over `run`, which does one scope (the graph run and whatever follows it). */
export function createWorkQueue<T>(
  run: (job: ScopeJob) => Promise<T>,
  opts: WorkQueueOptions = {},
): WorkQueue<T> {
  const restRatio = opts.restRatio ?? 0;
  const events: Pending<T>[] = [];
  const cycle: Pending<T>[] = [];
  const byScope = new Map<string, Pending<T>>();
  let running: Promise<void> | null = null;
  let closed = false;

  async function pump(): Promise<void> {
    for (let lastMs = 0; ;) {
      // A graph run is a long chain of promises with no I/O wait in it (SQLite is synchronous):
      // yielding to the event loop between runs lets HTTP requests, signals and Ctrl+C through.
      const backlog = events.length + cycle.length > 0;
      const rest = backlog ? Math.min(1_000, lastMs * restRatio) : 0;
      await new Promise<void>((r) => (rest >= 1 ? setTimeout(r, rest) : setImmediate(r)));
      const job = closed ? undefined : (events.shift() ?? cycle.shift());
      if (!job) break;
      byScope.delete(keyOf(job.scope));
      const t0 = performance.now();
      try {
        const result = await run(job);
        for (const w of job.waiters) w.resolve(result);
      } catch (e) {
        for (const w of job.waiters) w.reject(e);
      }
      lastMs = performance.now() - t0;
    }
    running = null;
  }

  return {
    submit(job) {
      if (closed) return Promise.reject(abandoned(job.scope));
      return new Promise<T>((resolve, reject) => {
        const waiting = byScope.get(keyOf(job.scope));
        if (waiting) {
          waiting.waiters.push({ resolve, reject });
          const wasEvent = waiting.trigger.kind === "event";
          waiting.trigger = mergeRunTriggers(waiting.trigger, job.trigger);
          // A signal for a scope a cycle has queued makes it an event run, moved to the front.
          if (!wasEvent && waiting.trigger.kind === "event") {
            cycle.splice(cycle.indexOf(waiting), 1);
            events.push(waiting);
          }
          return;
        }
        const p: Pending<T> = { ...job, waiters: [{ resolve, reject }] };
        byScope.set(keyOf(job.scope), p);
        (job.trigger.kind === "event" ? events : cycle).push(p);
        running ??= pump();
      });
    },
    get waiting() {
      return events.length + cycle.length;
    },
    get busy() {
      return running !== null;
    },
    async close() {
      closed = true;
      for (const job of [...events.splice(0), ...cycle.splice(0)])
        for (const w of job.waiters) w.reject(abandoned(job.scope));
      byScope.clear();
      await running;
    },
  };
}
