import type { Db } from "../db.js";
import { Publication, type PublishInput } from "./publish.js";
import type { RowParams } from "./row-params.js";
import type { StageTable } from "./stage-table.js";

/**
 * True when the publish of a staged fact table can be set-based: no two good staged rows share a
 * natural key or a source event id. Then no staged row can correct another, and input order
 * only matters against rows stored before. Read outside the publishing transaction (staged rows
 * no longer change).
 */
export function canPublishInBulk(db: Db, table: StageTable, stageId: number): boolean {
  if (!table.spec.fact) return false;
  const s = table.name;
  const good = `FROM ${s} WHERE stage_id = ? AND reject_reason IS NULL`;
  const keyTwice = db
    .prepare(`SELECT 1 ${good} GROUP BY ${table.keyGroup()} HAVING count(*) > 1 LIMIT 1`)
    .get(stageId);
  if (keyTwice) return false;
  const eventTwice = db
    .prepare(
      `SELECT 1 ${good} AND source_event_id IS NOT NULL GROUP BY source, source_event_id HAVING count(*) > 1 LIMIT 1`,
    )
    .get(stageId);
  return eventTwice === undefined;
}

/**
 * Publishes a stage of a fact table in a few statements instead of one per row: new rows by one
 * INSERT … SELECT; rows already stored with the same content (and event id) counted as
 * duplicates in SQL; only the rest (corrections, conflicts) go through TableWriter one by one.
 * `staged`: how many rows the stage holds. Same outcome as publishing row by row when {@link canPublishInBulk} holds; the caller holds
 * the write transaction.
 */
export function publishStaged(
  db: Db,
  table: StageTable,
  stageId: number,
  staged: number,
  input: PublishInput,
): ReturnType<Publication["finish"]> {
  const p = new Publication(db, input);
  const s = table.name;
  const t = table.spec.table;
  const cols = table.columns.join(", ");
  const good = `FROM ${s} s WHERE s.stage_id = ? AND s.reject_reason IS NULL`;
  const rejected = db
    .prepare(
      `SELECT line, reject_field, reject_reason, reject_raw FROM ${s} WHERE stage_id = ? AND reject_reason IS NOT NULL ORDER BY seq`,
    )
    .all(stageId) as {
    line: number;
    reject_field: string | null;
    reject_reason: string;
    reject_raw: string;
  }[];
  for (const r of rejected)
    p.reject(r.line, r.reject_field ?? undefined, r.reject_reason, r.reject_raw);
  p.report.rowsRead = staged;
  const goodRows = staged - rejected.length;

  const ingestId = Math.trunc(p.report.ingestId);
  const stored = db
    .prepare(
      `INSERT OR IGNORE INTO ${t} (${cols}, ingest_id) SELECT ${cols}, ${ingestId} FROM ${s} WHERE stage_id = ? AND reject_reason IS NULL ORDER BY seq`,
    )
    .run(stageId).changes;
  // Stored as staged: inserted just now, or an identical earlier row (a duplicate).
  const same = `EXISTS (SELECT 1 FROM ${t} t WHERE ${table.keyMatch("t", "s")} AND t.content_hash = s.content_hash
    AND (s.source_event_id IS NULL OR (t.source = s.source AND t.source_event_id = s.source_event_id)))`;
  const rest = db
    .prepare(
      `SELECT s.line, ${table.columns.map((c) => `s.${c}`).join(", ")} ${good} AND NOT ${same} ORDER BY s.seq`,
    )
    .raw(true);
  // Every row new (a first ingest): nothing is left to compare.
  const others = stored === goodRows ? [] : (rest.all(stageId) as unknown[][]);
  p.report.stored += stored;
  p.report.duplicates += goodRows - others.length - stored;
  for (const row of others) p.write(row[0] as number, row.slice(1) as RowParams);
  return p.finish();
}
