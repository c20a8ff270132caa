import { runScope, type RunContext, type RunResult } from "../graph/index.js";
import type { InventoryThresholds } from "../agents/inventory/index.js";
import { inventoryTriggers } from "./inventory-events.js";
import { eventTrigger, type Trigger } from "./trigger.js";
import { createWorkQueue } from "./work-queue.js";

/**
 * Runs what triggers asked for, one at a time through a work queue (as the server does): two
 * triggers on one scope make one run carrying both's facts. Returns each run's result once, in
 * the triggers' order; stops at the first run that fails (the runs not started are dropped).
 */
export async function runTriggers(
  ctx: RunContext,
  triggers: readonly Trigger[],
): Promise<RunResult[]> {
  const queue = createWorkQueue<RunResult>((job) => runScope(ctx, job.scope, job.trigger));
  try {
    const results = await Promise.all(
      triggers.map((t) => queue.submit({ scope: t.scope, trigger: eventTrigger(t) })),
    );
    return [...new Map(results.map((r) => [r.decisionId, r])).values()];
  } finally {
    await queue.close();
  }
}

/** Event triggers: a run on every scope where the inventory agent raises excess stock. */
export async function runOnEvents(
  ctx: RunContext,
  thresholds?: Partial<InventoryThresholds>,
): Promise<RunResult[]> {
  const triggers = inventoryTriggers({
    db: ctx.db,
    clock: ctx.clock,
    ...(thresholds ? { thresholds } : {}),
  });
  return runTriggers(ctx, triggers);
}
