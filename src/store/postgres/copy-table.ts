import type { PoolClient } from "pg";
import { AutopromoError } from "../../errors.js";
import type { Db } from "../db.js";
import { TableChecksum } from "./checksum.js";
import { quoteIdent } from "./sql.js";
import type { SqliteTable } from "./sqlite-schema.js";
import { converterFor } from "./values.js";

// One table's move: its rows streamed from SQLite in batches, its indexes built after, and
// its checksum on both sides.

/** A failure of the copy; nothing was written. */
export function copyError(message: string, cause?: unknown): AutopromoError {
  return new AutopromoError("STORE_ERROR", `migrate-to-postgres: ${message}`, { cause });
}

/** Writes `t`'s rows in batched multi-row INSERTs; returns the checksum of what it sent. */
export async function copyTable(
  sqlite: Db,
  client: PoolClient,
  t: SqliteTable,
  batchRows: number,
): Promise<TableChecksum> {
  const cols = t.columns.map((c) => quoteIdent(c.name));
  const convert = t.columns.map((c) => converterFor(c.type));
  const perBatch = Math.max(1, batchRows);
  // One JSON parameter a batch, spread into rows by Postgres: far cheaper than a parameter a
  // value. JSON numbers keep every double exactly; bytes travel as bytea's hex text.
  const insert =
    `INSERT INTO ${quoteIdent(t.name)} (${cols.join(", ")}) ` +
    `SELECT ${cols.join(", ")} FROM json_populate_recordset(NULL::${quoteIdent(t.name)}, $1)`;
  const names = t.columns.map((c) => c.name);
  const asRecord = (row: unknown[]) =>
    Object.fromEntries(
      row.map((v, i) => [names[i], Buffer.isBuffer(v) ? `\\x${v.toString("hex")}` : v]),
    );
  const sum = new TableChecksum();
  let batch: unknown[][] = [];
  let first = 0;
  // One batch in flight while the next is read and encoded: Postgres inserts as JS works.
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (!batch.length) return;
    const json = JSON.stringify(batch.map(asRecord));
    const rows = `rows ${first + 1}–${first + batch.length}`;
    first += batch.length;
    batch = [];
    await inFlight;
    inFlight = client.query(insert, [json]).then(
      () => undefined,
      (e: unknown) => {
        const why = e instanceof Error ? e.message : String(e);
        throw copyError(`${t.name}, ${rows}: ${why}`, e);
      },
    );
    // Awaited by the next flush or at the end; marked handled meanwhile.
    inFlight.catch(() => undefined);
  };
  const read = sqlite.prepare(`SELECT ${cols.join(", ")} FROM ${quoteIdent(t.name)}`).raw(true);
  let n = 0;
  for (const raw of read.iterate() as Iterable<unknown[]>) {
    n++;
    const row = raw.map((v, i) =>
      convert[i]!(v, () => `${t.name}, row ${n}, column ${t.columns[i]!.name}`),
    );
    sum.add(row);
    batch.push(row);
    if (batch.length >= perBatch) await flush();
  }
  await flush();
  await inFlight;
  return sum;
}

/**
 * Runs `load` with `table`'s plain indexes (those no constraint owns) dropped, then builds them
 * again: one sort per index after a bulk load is much cheaper than an insert into every index
 * per row. Inside the copy's transaction, so a failure restores them with everything else.
 */
export async function indexesAfter<T>(
  client: PoolClient,
  schema: string,
  table: string,
  load: () => Promise<T>,
): Promise<T> {
  const { rows } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
      WHERE i.schemaname = $1 AND i.tablename = $2
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                         WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`,
    [schema, table],
  );
  for (const r of rows)
    await client.query(`DROP INDEX ${quoteIdent(schema)}.${quoteIdent(r.name)}`);
  const out = await load();
  for (const r of rows) await client.query(r.def);
  return out;
}

/** The checksum of `t` as Postgres reads it back. */
export async function readBack(client: PoolClient, t: SqliteTable): Promise<TableChecksum> {
  const cols = t.columns.map((c) => quoteIdent(c.name)).join(", ");
  const res = await client.query<unknown[]>({
    text: `SELECT ${cols} FROM ${quoteIdent(t.name)}`,
    rowMode: "array",
  });
  const sum = new TableChecksum();
  for (const row of res.rows) sum.add(row);
  return sum;
}
