import Database from "better-sqlite3";

/** What a lock probe saw: the longest stretch another writer could not take the lock. */
export interface LockProbeResult {
  longestMs: number;
  tries: number;
  busyTries: number;
}

/**
 * Tries to take the write lock of `path` every millisecond or two (BEGIN IMMEDIATE with no
 * busy wait, then ROLLBACK), as another writer would, and measures the longest run of refusals:
 * the longest time any other writer held the lock, seen from outside.
 */
export function probeLock(path: string): { stop(): LockProbeResult } {
  const db = new Database(path);
  db.pragma("busy_timeout = 0");
  const result: LockProbeResult = { longestMs: 0, tries: 0, busyTries: 0 };
  let blockedSince: number | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    const t = performance.now();
    result.tries++;
    try {
      db.exec("BEGIN IMMEDIATE");
      db.exec("ROLLBACK");
      if (blockedSince !== null) result.longestMs = Math.max(result.longestMs, t - blockedSince);
      blockedSince = null;
    } catch (e) {
      if (!(e as { code?: string }).code?.startsWith("SQLITE_BUSY")) throw e;
      result.busyTries++;
      blockedSince ??= t;
    }
    setTimeout(tick, 1);
  };
  tick();
  return {
    stop() {
      stopped = true;
      if (blockedSince !== null)
        result.longestMs = Math.max(result.longestMs, performance.now() - blockedSince);
      db.close();
      return { ...result, longestMs: Math.round(result.longestMs) };
    },
  };
}
