import { stateOf } from "./connection.js";
// The connection type itself, not db.ts's alias: db.ts runs its migrations through writeTx.
import type { Database as Db } from "better-sqlite3";

/**
 * Runs `fn` in a write transaction and returns its result. The outermost one begins IMMEDIATE: a
 * deferred transaction that reads and then writes must upgrade its lock, and in WAL mode a second
 * writer (a cycle worker, the server beside a CLI run) makes that upgrade fail at once with
 * SQLITE_BUSY instead of waiting; taking the write lock at BEGIN lets busy_timeout queue writers.
 * On a connection opened with a write gate, the outermost one takes the gate first. Inside
 * another transaction it is a savepoint, as better-sqlite3 nests them.
 * @example writeTx(db, () => db.prepare("INSERT INTO t VALUES (1)").run())
 */
export function writeTx<T>(db: Db, fn: () => T): T {
  const tx = db.transaction(fn);
  if (db.inTransaction) return tx();
  const gate = stateOf(db).gate;
  return gate ? gate.hold(() => tx.immediate()) : tx.immediate();
}
