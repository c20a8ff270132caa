import { existsSync } from "node:fs";
import type { Command } from "commander";
import { AutopromoError, InputError } from "../../errors.js";
import { openDb, resolveDbPath } from "../../store/index.js";
import { copySqliteToPostgres, type CopyReport } from "../../store/postgres/copy.js";
import { openPostgres, parsePostgresTarget } from "../../store/postgres/open.js";
import { redactUrl } from "../../store/postgres/redact-url.js";
import { withCommon, type CommonOptions } from "../context.js";
import { printJson, table, wrap, type Output } from "../output.js";

interface MigrateOptions extends CommonOptions {
  databaseUrl?: string;
  schema?: string;
  replace?: boolean;
}

/** The target's URL: --database-url, then AUTOPROMO_DATABASE_URL. */
function targetUrl(opts: MigrateOptions, env: NodeJS.ProcessEnv): string {
  const url = opts.databaseUrl ?? env.AUTOPROMO_DATABASE_URL;
  if (!url?.trim())
    throw new AutopromoError(
      "CONFIG_ERROR",
      "migrate-to-postgres: --database-url (or AUTOPROMO_DATABASE_URL) is required",
    );
  return url.trim();
}

/** The copy as a person reads it: a line a table that had rows, then the rest in a line. */
export function renderCopyReport(r: CopyReport, url: string): string {
  const held = r.tables.filter((t) => t.rows > 0);
  const empty = r.tables.filter((t) => t.rows === 0).map((t) => t.table);
  const lines = [
    ...(empty.length ? [`empty, created: ${empty.join(", ")}`] : []),
    `moved ${r.rows.toLocaleString("en-US")} rows in ${r.tables.length} tables to schema ` +
      `"${r.schema}" of ${redactUrl(url)} in ${(r.ms / 1000).toFixed(1)} s; ` +
      "row counts and checksums read back equal",
  ];
  for (const s of r.skipped) lines.push(`not moved: ${s.table} (${s.rows} rows): ${s.reason}`);
  const rows = table(
    ["table", "rows", "checksum", "ms"],
    held.map((t) => [t.table, t.rows, t.checksum, Math.round(t.ms)]),
  );
  return [rows, ...lines.map((l) => wrap(l))].join("\n");
}

/** `autopromo migrate-to-postgres`: the SQLite store, copied whole into Postgres. */
export function registerMigrateToPostgresCommand(
  program: Command,
  o: Output,
  env: NodeJS.ProcessEnv = process.env,
): void {
  withCommon(
    program
      .command("migrate-to-postgres")
      .description("copy the SQLite store into a Postgres database, verified, in one transaction"),
  )
    .option("--database-url <url>", "target postgres:// URL (env AUTOPROMO_DATABASE_URL)")
    .option("--schema <name>", "Postgres schema of the store", "autopromo")
    .option("--replace", "empty a target that already holds rows instead of refusing")
    .action(async (opts: MigrateOptions) => {
      const url = targetUrl(opts, env);
      parsePostgresTarget(url, { schema: opts.schema });
      const path = resolveDbPath(opts.db);
      if (!existsSync(path))
        throw new InputError("FILE_NOT_FOUND", `migrate-to-postgres: no database ${path}`, {
          file: path,
        });
      const db = openDb(path);
      try {
        const store = await openPostgres(url, { schema: opts.schema, max: 2 });
        try {
          const report = await copySqliteToPostgres(db, store, { replace: opts.replace });
          if (opts.json) printJson(o, report);
          else o.out(renderCopyReport(report, url));
        } finally {
          await store.close();
        }
      } finally {
        db.close();
      }
    });
}
