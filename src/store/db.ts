import type Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { AutopromoError } from "../errors.js";
import { MIGRATIONS, type Migration } from "./migrations/index.js";
import { StoreDb } from "./connection.js";
import type { WriteGate } from "./write-gate.js";
import { writeTx } from "./write-tx.js";

export type Db = Database.Database;

export const DEFAULT_DB_PATH = "./autopromo.db";

/** The database path from an explicit option, then AUTOPROMO_DB, then ./autopromo.db. */
export function resolveDbPath(explicit?: string): string {
  return explicit ?? process.env.AUTOPROMO_DB ?? DEFAULT_DB_PATH;
}

export interface OpenDbOptions {
  /** Shared by the threads of one process that write to the same file (a cycle's workers); see WriteGate. */
  writeGate?: WriteGate;
  /**
   * How long a statement waits for another connection's write lock inside SQLite (on the thread,
   * so the event loop stops meanwhile); default 5,000 ms. A service keeps it short and waits
   * longer on timers (see beginWrite, retryWhileBusy).
   */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) the SQLite file in WAL mode and applies pending migrations. The
 * connection carries its caches and write gate (see connection.ts); write through `writeTx`.
 */
export function openDb(path: string = resolveDbPath(), opts: OpenDbOptions = {}): Db {
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  let db: Db;
  try {
    db = new StoreDb(path, opts.writeGate);
  } catch (e) {
    throw new AutopromoError(
      "STORE_ERROR",
      `cannot open database ${path}: ${(e as Error).message}`,
      { cause: e },
    );
  }
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(opts.busyTimeoutMs ?? 5_000))}`);
  migrate(db);
  return db;
}

/** Applies every migration newer than the file's version, each in its own transaction. */
export function migrate(db: Db): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    (db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  let count = 0;
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    if (applyMigration(db, m)) count++;
  }
  return count;
}

/**
 * Applies one migration unless another process did while this one waited for the lock (two
 * processes opening a fresh file). False when it was already applied.
 */
function applyMigration(db: Db, m: Migration): boolean {
  const fkWasOn = db.pragma("foreign_keys", { simple: true }) === 1;
  if (m.rebuilds && fkWasOn) db.pragma("foreign_keys = OFF");
  try {
    return writeTx(db, () => {
      const done = db.prepare("SELECT 1 FROM schema_migrations WHERE version = ?").get(m.version);
      if (done) return false;
      db.exec(m.sql);
      if (m.rebuilds) assertForeignKeys(db, m);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
      return true;
    });
  } finally {
    if (m.rebuilds && fkWasOn) db.pragma("foreign_keys = ON");
  }
}

/** A rebuild that left a dangling reference is rolled back, naming the table. */
function assertForeignKeys(db: Db, m: Migration): void {
  const all = db.pragma("foreign_key_check") as { table: string; parent: string }[];
  // Only references to the rebuilt table: older rows elsewhere are not this migration's to judge.
  const broken = all.filter((r) => r.parent === m.rebuilds);
  if (broken.length === 0) return;
  const first = broken[0]!;
  throw new AutopromoError(
    "STORE_ERROR",
    `migration ${m.version} (${m.name}) left ${broken.length} row(s) of ${first.table} ` +
      `pointing at no ${first.parent} row; nothing was changed`,
  );
}

/** Highest applied migration version. */
export function schemaVersion(db: Db): number {
  const row = db.prepare("SELECT max(version) AS v FROM schema_migrations").get() as {
    v: number | null;
  };
  return row.v ?? 0;
}
