import { isBusy } from "../store/index.js";

/** How a run waits out another process's write lock. */
export interface LockWait {
  /** Give up (and fail the run) after this long (default 15 minutes, as a long ingest may take). */
  maxMs: number;
  /** First pause; doubles up to 2 s. */
  firstPauseMs: number;
}

export const DEFAULT_LOCK_WAIT: LockWait = { maxMs: 15 * 60_000, firstPauseMs: 100 };

/** True when `e` is SQLite's "database is locked" (another connection holds the write lock). */
export const isLockBusy: (e: unknown) => boolean = isBusy;

/**
 * Runs `attempt` until it does not fail on a busy lock: between tries it waits on a timer, so the
 * event loop serves requests meanwhile (SQLite's own busy handler sleeps on the thread). `attempt`
 * gets the try number; a run continues from its last checkpoint, so nothing is done twice.
 */
export async function retryWhileBusy<T>(
  attempt: (n: number) => Promise<T>,
  w: LockWait = DEFAULT_LOCK_WAIT,
): Promise<T> {
  const deadline = Date.now() + w.maxMs;
  for (let n = 0, pause = w.firstPauseMs; ; n++, pause = Math.min(pause * 2, 2_000)) {
    try {
      return await attempt(n);
    } catch (e) {
      if (!isLockBusy(e) || Date.now() + pause > deadline) throw e;
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}
