import type { ScopeQueue } from "./queue.js";

/** A job kept alive while its worker holds it. */
export interface JobHeartbeat {
  stop(): void;
}

/**
 * Moves an active job's start forward every third of its expiry, so pg-boss expires it only
 * when its worker stops beating (killed, or its event loop stalled): a killed worker's scope is
 * offered again after one expiry, while a slow scope is never taken from a live worker. pg-boss
 * 10 has no heartbeat of its own; its expiry is `started_on + expire_in < now()`.
 */
export function beatWhileHeld(queue: ScopeQueue, jobId: string): JobHeartbeat {
  const sql = `UPDATE ${queue.schema}.job SET started_on = now()
    WHERE name = $1 AND id = $2::uuid AND state = 'active'`;
  const every = Math.max(250, Math.floor((queue.expireInSeconds * 1000) / 3));
  const beat = setInterval(() => {
    queue.boss
      .getDb()
      .executeSql(sql, [queue.name, jobId])
      // A lost beat is retried by the next; expiry is the fallback it exists for.
      .catch(() => undefined);
  }, every);
  beat.unref?.();
  return { stop: () => clearInterval(beat) };
}
