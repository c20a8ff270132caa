import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Db } from "./db.js";

/** SQLite's default: a commit that leaves the WAL past this many pages checkpoints it. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

export interface WalCheckpointerOptions {
  /** How often the thread copies the WAL back into the database file. */
  intervalMs?: number;
}

/** A background WAL checkpointer; `stop()` hands checkpoints back to the connection's commits. */
export interface WalCheckpointer {
  stop(): Promise<void>;
}

// Plain CommonJS run by the worker: no TypeScript loader needed, and it starts in milliseconds.
// A PASSIVE checkpoint never waits for a lock and never blocks a writer or a reader.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
const timer = setInterval(() => db.pragma("wal_checkpoint(PASSIVE)"), workerData.intervalMs);
parentPort.once("message", () => { clearInterval(timer); db.pragma("wal_checkpoint(PASSIVE)"); db.close(); parentPort.close(); });
`;

/**
 * Moves the WAL checkpoints of `db` to a thread of their own. Left to SQLite, the commit that takes
 * the WAL past 1000 pages copies them (4 MB) into the database file before it returns: one scope
 * run in about thirty paid that, and it made the runs' p95. SQLite's documentation suggests this
 * arrangement: automatic checkpoints off on the writing connections, checkpoints run elsewhere.
 * Other connections writing to the same file (cycle workers) turn theirs off themselves.
 * An in-memory database has no WAL: nothing is started. The thread never holds the process open.
 * @example const ckpt = startWalCheckpointer(db); try { await runCycle(ctx); } finally { await ckpt.stop(); }
 */
export function startWalCheckpointer(db: Db, o: WalCheckpointerOptions = {}): WalCheckpointer {
  if (db.memory) return { stop: async () => {} };
  db.pragma("wal_autocheckpoint = 0");
  const restore = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
  };
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      path: db.name,
      intervalMs: o.intervalMs ?? 100,
    },
  });
  worker.unref();
  // Should the thread fail (the file gone, the disk full), commits checkpoint again as before.
  const exited = new Promise<void>((resolve) => {
    worker.once("error", restore);
    worker.once("exit", () => {
      restore();
      resolve();
    });
  });
  let stopping: Promise<void> | undefined;
  return {
    stop: () => {
      if (!stopping) {
        worker.ref(); // the caller awaits the exit: keep the process alive until then
        worker.postMessage("stop");
        stopping = exited;
      }
      return stopping;
    },
  };
}
