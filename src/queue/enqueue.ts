import { QueueError } from "./errors.js";
import { cycleKey, scopeJob, scopeJobId, type CycleIdentity, type CycleScope } from "./job.js";
import type { ScopeQueue } from "./queue.js";

/** A cycle to put on the queue: its identity and its scopes. */
export interface EnqueueCycleOptions extends CycleIdentity {
  scopes: readonly CycleScope[];
}

/** The jobs of an enqueued cycle, in the order of its scopes. */
export interface EnqueuedCycle {
  cycle: string;
  jobs: { id: string; scope: CycleScope; decisionId: string }[];
}

/** pg-boss inserts at most this many rows per statement here (one JSON parameter). */
const BATCH = 500;

/**
 * Sends one job per scope. Each job's id is derived from cycle × scope and inserted with
 * `ON CONFLICT DO NOTHING`, so enqueueing the same cycle twice (a retried command, two
 * schedulers) leaves one job per scope; its singleton key says the same for people reading the
 * queue. The job carries the scope's decision id: a retry resumes that run. Jobs are taken in
 * the order of `scopes`.
 */
export async function enqueueCycle(
  queue: ScopeQueue,
  o: EnqueueCycleOptions,
): Promise<EnqueuedCycle> {
  const seen = new Set<string>();
  const jobs = o.scopes.map((scope) => {
    const data = scopeJob(o, scope);
    const key = `${scope.category}|${scope.market}`;
    if (seen.has(key))
      throw new QueueError("INVALID_JOB", `scope ${scope.category} / ${scope.market} given twice`);
    seen.add(key);
    return { id: scopeJobId(data.cycle, scope), data };
  });
  for (let i = 0; i < jobs.length; i += BATCH)
    await queue.boss.insert(
      jobs.slice(i, i + BATCH).map((j, k) => ({
        id: j.id,
        // Workers take a cycle's scopes in its order (pg-boss fetches by priority, then age):
        // as close to the in-process cycle as parallel runs get.
        priority: jobs.length - (i + k),
        name: queue.name,
        data: j.data,
        singletonKey: `${j.data.cycle}:${j.data.scope.category}:${j.data.scope.market}`,
        expireInSeconds: queue.expireInSeconds,
      })),
    );
  return {
    cycle: cycleKey(o),
    jobs: jobs.map((j) => ({ id: j.id, scope: j.data.scope, decisionId: j.data.decisionId })),
  };
}
