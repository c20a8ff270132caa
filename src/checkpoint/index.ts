// Where a run's checkpoints live, and the durable-run port a runner and its nodes use.
import type { Db } from "../store/index.js";
import { SqliteCheckpointer, type SqliteCheckpointerOptions } from "./saver.js";

export { durableRunOf, durableRunsFor, DURABLE_RUN_KEY, writeNow } from "./port.js";
export type { DurableRun, DurableRuns, ProvidesDurableRuns } from "./port.js";
export { postgresCheckpointer, postgresCheckpointerOptionsSchema } from "./postgres.js";
export type { PostgresCheckpointerOptions } from "./postgres.js";
export { SqliteCheckpointer } from "./saver.js";
export { listedThreadHeads, storedThreadHeads } from "./heads.js";
export type { ThreadHead } from "./heads.js";
export type { SqliteCheckpointerOptions } from "./saver.js";

/** The shipped checkpointer: LangGraph checkpoints in the application's own SQLite file. */
export function sqliteCheckpointer(
  db: Db,
  options?: SqliteCheckpointerOptions,
): SqliteCheckpointer {
  return new SqliteCheckpointer(db, options);
}
