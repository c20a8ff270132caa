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

/** `withCommon`, plus --policy and --now: the options of every command that decides or acts. */
export function withPolicyAndClock(cmd: Command): Command {
  return withCommon(cmd)
    .option("--policy <file>", "policy file (default: the shipped policies/default.yaml)")
    .option("--now <iso>", "act as of this instant (default: the wall clock)")
    .option("--as-of <date>", "same as --now; a bare date means noon UTC that day");
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
