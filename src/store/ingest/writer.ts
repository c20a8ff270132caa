import type { Statement } from "better-sqlite3";
import type { Db } from "../db.js";
import { prepared } from "../sql.js";
import { RowRejection } from "../harmonise/rejection.js";
import type { SqlValue, TableSpec } from "../kinds/index.js";
import type { RowParams } from "./row-params.js";

export type WriteOutcome = "new" | "duplicate" | "corrected";

/**
 * Stores harmonised rows by the documented correction rule: a new key is inserted; the same key
 * with the same content is a duplicate and changes nothing; the same key (or the same source
 * event id) with new content is a correction — latest ingested wins, and the replaced values are
 * kept in fact_history.
 *
 * Rows arrive as {@link RowParams}, bound as they are: a new row costs one statement and no
 * allocation of its own, which is what keeps ingestion near a raw insert.
 */
export class TableWriter {
  private readonly insert: Statement;
  private readonly byKey: Statement;
  private readonly byEvent: Statement | undefined;
  private readonly full: Statement;
  private readonly update: Statement;
  private readonly history: Statement;
  private readonly keyIndex: number[];
  private readonly sourceIndex: number;
  private readonly eventIndex: number;

  constructor(
    db: Db,
    private readonly spec: TableSpec,
    private readonly kind: string,
    private readonly ingestId: number,
    private readonly now: () => Date,
  ) {
    const cols = [...spec.columns, ...(spec.fact ? ["content_hash"] : [])];
    const t = spec.table;
    const nullable = new Set(spec.nullableKey ?? []);
    // The ingest id is ours and an integer: inlined, so every row binds only what it brings.
    const ingest = spec.fact
      ? {
          col: ", ingest_id",
          value: `, ${Math.trunc(ingestId)}`,
          set: `, ingest_id = ${Math.trunc(ingestId)}`,
        }
      : { col: "", value: "", set: "" };
    // The WHERE must repeat the index expression, or SQLite cannot use the unique index.
    const keyWhere = spec.key
      .map((k) => (nullable.has(k) ? `ifnull(${k}, '') = ifnull(?, '')` : `${k} = ?`))
      .join(" AND ");
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO ${t} (${cols.join(", ")}${ingest.col}) VALUES (${cols.map(() => "?").join(", ")}${ingest.value})`,
    );
    // The rest are the same for every ingest of the table: compiled once per connection.
    this.byKey = prepared(db, `SELECT *, rowid AS fact_rowid FROM ${t} WHERE ${keyWhere}`);
    this.byEvent = spec.fact
      ? prepared(
          db,
          `SELECT *, rowid AS fact_rowid FROM ${t} WHERE source = ? AND source_event_id = ?`,
        )
      : undefined;
    this.full = prepared(db, `SELECT * FROM ${t} WHERE rowid = ?`);
    this.update = db.prepare(
      `UPDATE ${t} SET ${cols.map((c) => `${c} = ?`).join(", ")}${ingest.set} WHERE rowid = ?`,
    );
    this.history = prepared(
      db,
      "INSERT INTO fact_history (kind, fact_id, old_values, replaced_at, replaced_by_ingest) VALUES (?, ?, ?, ?, ?)",
    );
    this.keyIndex = spec.key.map((k) => spec.columns.indexOf(k));
    this.sourceIndex = spec.columns.indexOf("source");
    this.eventIndex = spec.columns.indexOf("source_event_id");
  }

  /** Writes one encoded row (with its content hash for fact tables) and says what happened to it. */
  write(params: RowParams): WriteOutcome {
    if (this.insert.run(params).changes === 1) return "new";

    const existing = this.find(params);
    if (!existing) {
      throw new RowRejection(
        undefined,
        "conflicts with a stored record under a different key (same source event id or natural key)",
      );
    }
    const same = this.spec.fact
      ? existing.content_hash === params[this.spec.columns.length]
      : this.spec.columns.every((c, i) => existing[c] === params[i]);
    if (same) return "duplicate";

    // Named apart: reference tables have a TEXT column called id that `rowid AS id` would collide with.
    const id = existing.fact_rowid as number;
    this.history.run(
      this.kind,
      id,
      JSON.stringify(this.full.get(id)),
      this.now().toISOString(),
      this.ingestId,
    );
    try {
      this.update.run([...params, id]);
    } catch (e) {
      if ((e as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") {
        throw new RowRejection(undefined, "correction would collide with another stored record");
      }
      throw e;
    }
    return "corrected";
  }

  private find(params: RowParams): Record<string, SqlValue> | undefined {
    const eventId = this.eventIndex >= 0 ? params[this.eventIndex] : null;
    if (this.byEvent && eventId !== null && eventId !== undefined) {
      const hit = this.byEvent.get(params[this.sourceIndex], eventId) as
        Record<string, SqlValue> | undefined;
      if (hit) return hit;
    }
    return this.byKey.get(this.keyIndex.map((i) => params[i] ?? null)) as
      Record<string, SqlValue> | undefined;
  }
}
