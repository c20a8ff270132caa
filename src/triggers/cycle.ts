import type { Clock } from "../domain/index.js";
import { allScopes, type RunResult } from "../graph/index.js";
import type { Db } from "../store/index.js";
import { actedRecently } from "./acted.js";
import { isTriggerError } from "./errors.js";
import type { Scope } from "./trigger.js";
import type { WorkQueue } from "./work-queue.js";

/** One cycle: every scope's result, and the scopes that failed (the cycle goes on past them). */
export interface CycleReport {
  results: RunResult[];
  /** Scopes a cycle already launched in within CYCLE_ACTS_ONCE_IN_DAYS, with that decision. */
  skipped: { scope: Scope; decisionId: string }[];
  failed: { scope: Scope; error: string }[];
  /** True when shutdown stopped it before every scope ran. */
  aborted: boolean;
  ms: number;
}

/** What a scheduled cycle runs on. */
export interface ScheduledCycle {
  db: Db;
  clock: Clock;
  queue: WorkQueue<RunResult>;
  /** Aborts between scopes (the scope in hand finishes). */
  signal: AbortSignal;
  /** The failure of one scope as the report words it. */
  errorText: (e: unknown) => string;
  /** 0 of total when it starts, then after each scope. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * A scheduled cycle: every scope with sales, one at a time through the queue (so a signal's run
 * goes next rather than after the whole cycle), skipping scopes a cycle acted on this week.
 */
export async function runScheduledCycle(c: ScheduledCycle): Promise<CycleReport> {
  const t0 = performance.now();
  const scopes = allScopes(c.db);
  const report: CycleReport = { results: [], skipped: [], failed: [], aborted: false, ms: 0 };
  const progress = () =>
    c.onProgress?.(
      report.results.length + report.skipped.length + report.failed.length,
      scopes.length,
    );
  c.onProgress?.(0, scopes.length);
  for (const scope of scopes) {
    if (c.signal.aborted) {
      report.aborted = true;
      break;
    }
    const acted = actedRecently(c.db, scope, c.clock.now());
    if (acted) {
      report.skipped.push({ scope, decisionId: acted });
      progress();
      continue;
    }
    try {
      report.results.push(await c.queue.submit({ scope, trigger: { kind: "cycle" } }));
    } catch (e) {
      if (isTriggerError(e, "ABANDONED")) {
        report.aborted = true;
        break;
      }
      report.failed.push({ scope, error: c.errorText(e) });
    }
    progress();
  }
  report.ms = Math.round(performance.now() - t0);
  return report;
}
