import type { PoolClient } from "pg";
import { AutopromoError } from "../../errors.js";
import type { Db } from "../db.js";
import { copyError, copyTable, indexesAfter, readBack } from "./copy-table.js";
import type { PostgresStore } from "./open.js";
import { schemaDifferences } from "./parity.js";
import { quoteIdent } from "./sql.js";
import {
  inReferenceOrder,
  isSchemaTable,
  sqliteTables,
  type SqliteTable,
} from "./sqlite-schema.js";

/** One table moved: rows read and written, their checksum on both sides. */
export interface CopiedTable {
  table: string;
  rows: number;
  checksum: string;
  ms: number;
}

/** What a copy did: each table in the order written, the tables left behind and why. */
export interface CopyReport {
  schema: string;
  tables: CopiedTable[];
  skipped: { table: string; rows: number; reason: string }[];
  rows: number;
  ms: number;
}

/** Options of {@link copySqliteToPostgres}. */
export interface CopyOptions {
  /** Empty a target that holds rows instead of refusing (default false). */
  replace?: boolean;
  /** At most this many rows per INSERT (default 2,000). */
  batchRows?: number;
  /** Milliseconds since some origin, for the report's timings (default performance.now). */
  now?: () => number;
}

// Apart from the migration lock: a copy and a migration of one schema never interleave.
const COPY_LOCK_CLASS = 310_732;
const NOT_COPIED = "schema_migrations";

/** Tables of the target holding rows. */
async function nonEmpty(client: PoolClient, tables: SqliteTable[]): Promise<string[]> {
  const out: string[] = [];
  for (const t of tables) {
    const { rows } = await client.query(`SELECT 1 FROM ${quoteIdent(t.name)} LIMIT 1`);
    if (rows.length) out.push(t.name);
  }
  return out;
}

/** Moves identity sequences past the copied ids, so the next insert does not collide. */
async function advanceIdentities(client: PoolClient, schema: string): Promise<void> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = $1 AND is_identity = 'YES'`,
    [schema],
  );
  for (const r of rows) {
    const table = `${quoteIdent(schema)}.${quoteIdent(r.table_name)}`;
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), max(${quoteIdent(r.column_name)}))
         FROM ${table} HAVING max(${quoteIdent(r.column_name)}) IS NOT NULL`,
      [table, r.column_name],
    );
  }
}

/** Stage tables holding a bulk ingest's unpublished rows: deliberately not moved. */
function stageTables(sqlite: Db): CopyReport["skipped"] {
  const names = (
    sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[]
  ).filter((r) => !isSchemaTable(r.name) && !r.name.startsWith("sqlite_"));
  const counted = names.map(({ name }) => ({
    table: name,
    rows: (sqlite.prepare(`SELECT count(*) AS n FROM ${quoteIdent(name)}`).get() as { n: number })
      .n,
    reason: "a bulk ingest's unpublished stage; re-run that ingest after the move",
  }));
  return counted.filter((s) => s.rows > 0);
}

/**
 * Copies every table of the SQLite store into the Postgres store, in one transaction: tables in
 * foreign-key order, batched multi-row INSERTs, identity sequences advanced, then each table's
 * row count and checksum read back and compared. Refuses a target holding rows unless
 * `replace`; on any failure nothing is written.
 */
export async function copySqliteToPostgres(
  sqlite: Db,
  store: PostgresStore,
  options: CopyOptions = {},
): Promise<CopyReport> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const drift = await schemaDifferences(sqlite, store.pool, store.schema);
  if (drift.length)
    throw copyError(
      `the SQLite and Postgres schemas differ (${drift.length}): ${drift.slice(0, 5).join("; ")}`,
    );
  const tables = inReferenceOrder(sqliteTables(sqlite).filter((t) => t.name !== NOT_COPIED));
  const client = await store.pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [
      COPY_LOCK_CLASS,
      store.schema,
    ]);
    const occupied = await nonEmpty(client, tables);
    if (occupied.length && !options.replace)
      throw copyError(
        `schema "${store.schema}" already holds rows (${occupied.join(", ")}); ` +
          "pass --replace to empty it first",
      );
    if (occupied.length)
      await client.query(
        `TRUNCATE ${tables.map((t) => quoteIdent(t.name)).join(", ")} RESTART IDENTITY CASCADE`,
      );
    const copied: CopiedTable[] = [];
    for (const t of tables) {
      const t0 = now();
      const batchRows = options.batchRows ?? 2_000;
      const sent = await indexesAfter(client, store.schema, t.name, () =>
        copyTable(sqlite, client, t, batchRows),
      );
      const back = await readBack(client, t);
      if (back.rows !== sent.rows || back.hex !== sent.hex)
        throw copyError(
          `${t.name}: read back ${back.rows} rows (checksum ${back.hex}), ` +
            `wrote ${sent.rows} (checksum ${sent.hex})`,
        );
      copied.push({ table: t.name, rows: sent.rows, checksum: sent.hex, ms: now() - t0 });
    }
    await advanceIdentities(client, store.schema);
    await client.query("COMMIT");
    return {
      schema: store.schema,
      tables: copied,
      skipped: stageTables(sqlite),
      rows: copied.reduce((a, t) => a + t.rows, 0),
      ms: now() - started,
    };
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    if (e instanceof AutopromoError) throw e;
    throw copyError(e instanceof Error ? e.message : String(e), e);
  } finally {
    client.release();
  }
}
