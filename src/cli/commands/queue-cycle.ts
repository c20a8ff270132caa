import { resolve } from "node:path";
import { allScopes, type RunContext, type RunResult } from "../../graph/index.js";
import type { Output } from "../output.js";

/** What `run --queue` needs beyond the run's context. */
export interface QueueCycleOptions {
  databaseUrl?: string;
  policyPath?: string;
  shadow: boolean;
  filter: { category?: string; market?: string };
  timeoutSeconds?: number;
  queueSchema?: string;
  onScope: (done: number, total: number) => void;
  quiet: boolean;
}

/** The cycle's results, and the scopes whose jobs failed for good. */
export interface QueueCycleReport {
  results: RunResult[];
  failed: string[];
}

/**
 * Enqueues the cycle's scopes (one job each, idempotent per cycle instant × scope) and waits until
 * `autopromo worker` processes have run every one. The same instant again returns the same runs.
 */
export async function runCycleOnQueue(
  ctx: RunContext,
  o: QueueCycleOptions,
  out: Output,
): Promise<QueueCycleReport> {
  const q = await import("../../queue/index.js");
  const url = q.databaseUrlFrom(o.databaseUrl);
  const queue = await q.openScopeQueue({
    url,
    ...(o.queueSchema ? { schema: o.queueSchema } : {}),
    onError: (e) => out.err(`queue: ${e.message}`),
  });
  try {
    const cycle = await q.enqueueCycle(queue, {
      now: ctx.clock.now().toISOString(),
      scopes: allScopes(ctx.db, o.filter),
      // Workers may run elsewhere: an absolute path means the same file wherever they start.
      ...(o.policyPath ? { policyPath: resolve(o.policyPath) } : {}),
      shadow: o.shadow,
    });
    if (!o.quiet)
      out.err(
        `queued ${cycle.jobs.length} scope(s) of cycle ${cycle.cycle} on ${q.redactUrl(url)}; ` +
          "waiting for workers (autopromo worker --database-url …)",
      );
    const ends = await q.waitForCycle(queue, cycle, {
      onProgress: o.onScope,
      ...(o.timeoutSeconds ? { timeoutMs: o.timeoutSeconds * 1000 } : {}),
    });
    const results: RunResult[] = [];
    const failed: string[] = [];
    for (const e of ends) {
      if ("status" in e.outcome) results.push({ ...e.outcome });
      else if (e.state === "completed")
        // Recorded as failed by its run (a typed reason): the record says why.
        results.push({
          decisionId: e.outcome.decisionId,
          status: "failed",
          interrupted: false,
          checkpointId: null,
        });
      else failed.push(`${e.scope.category} / ${e.scope.market}: ${e.outcome.failed}`);
    }
    return { results, failed };
  } finally {
    await queue.stop();
  }
}
