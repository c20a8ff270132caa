import type { Command } from "commander";
import { openDb, resolveDbPath, type Db } from "../store/index.js";

/** Options every command accepts. */
export interface CommonOptions {
  db?: string;
  json?: boolean;
}

/** Adds `--db` and, for data-returning commands, `--json`. */
export function withCommon(cmd: Command, { json = true } = {}): Command {
  cmd.option("--db <path>", "SQLite database file (env AUTOPROMO_DB, default ./autopromo.db)");
  if (json) cmd.option("--json", "print JSON instead of a table");
  return cmd;
}

/** Opens the database the options name, runs `fn`, and always closes it. */
export async function withDb<T>(opts: CommonOptions, fn: (db: Db) => Promise<T> | T): Promise<T> {
  const db = openDb(resolveDbPath(opts.db));
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}
