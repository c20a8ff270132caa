import type { Db } from "./db.js";

/** How long one try at the write lock may wait inside SQLite's busy handler (on the thread). */
const TRY_MS = 20;

/** True when `e` is SQLite's "database is locked" (another connection holds the write lock). */
export function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/**
 * Opens a write transaction (BEGIN IMMEDIATE), waiting behind other writers on timers: each try
 * lets SQLite's busy handler wait only {@link TRY_MS} ms, so the event loop keeps serving
 * requests while another process holds the lock, however long it holds it. Gives up (rethrows
 * SQLITE_BUSY) after `timeoutMs`.
 */
export async function beginWrite(db: Db, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 250)) {
    if (tryBegin(db)) return;
    if (Date.now() + pause > deadline) {
      db.exec("BEGIN IMMEDIATE"); // a last try with the connection's own busy_timeout
      return;
    }
    await new Promise((r) => setTimeout(r, pause));
  }
}

function tryBegin(db: Db): boolean {
  const saved = db.pragma("busy_timeout", { simple: true }) as number;
  db.pragma(`busy_timeout = ${Math.min(saved, TRY_MS)}`);
  try {
    db.exec("BEGIN IMMEDIATE");
    return true;
  } catch (e) {
    if (!isBusy(e)) throw e;
    return false;
  } finally {
    db.pragma(`busy_timeout = ${saved}`);
  }
}

/**
 * Waits on timers until the write lock is free (takes it and lets it go at once), or `timeoutMs`
 * passed: a request that is about to write waits here instead of in SQLite's busy handler.
 * Returns at once inside a transaction (the lock is this connection's already).
 */
export async function writableSoon(db: Db, timeoutMs: number): Promise<void> {
  if (db.inTransaction) return;
  const deadline = Date.now() + timeoutMs;
  for (let pause = 5; Date.now() + pause <= deadline; pause = Math.min(pause * 2, 250)) {
    if (tryBegin(db)) {
      db.exec("ROLLBACK");
      return;
    }
    await new Promise((r) => setTimeout(r, pause));
  }
}
