import { hash } from "node:crypto";
import type { Statement } from "better-sqlite3";
import type { Db } from "../db.js";
import { RowRejection } from "../harmonise/rejection.js";
import type { SqlValue, TableSpec } from "../kinds/index.js";

export type WriteOutcome = "new" | "duplicate" | "corrected";

/** Provenance is not content: the same facts from a renamed source are still duplicates. */
const NOT_CONTENT = new Set(["source", "source_event_id"]);

/**
 * Stores harmonised rows by the documented correction rule: a new key is inserted; the same key
 * with the same content is a duplicate and changes nothing; the same key (or the same source
 * event id) with new content is a correction — latest ingested wins, and the replaced values are
 * kept in fact_history.
 */
export class TableWriter {
  private readonly insert: Statement;
  private readonly byKey: Statement;
  private readonly byEvent: Statement | undefined;
  private readonly full: Statement;
  private readonly update: Statement;
  private readonly history: Statement;
  private readonly contentColumns: string[];

  constructor(
    private readonly db: Db,
    private readonly spec: TableSpec,
    private readonly kind: string,
    private readonly ingestId: number,
    private readonly now: () => Date,
  ) {
    const cols = [...spec.columns, ...(spec.fact ? ["content_hash", "ingest_id"] : [])];
    const t = spec.table;
    const nullable = new Set(spec.nullableKey ?? []);
    // The WHERE must repeat the index expression, or SQLite cannot use the unique index.
    const keyWhere = spec.key.map((k) => (nullable.has(k) ? `ifnull(${k}, '') = ifnull(?, '')` : `${k} = ?`)).join(" AND ");
    this.insert = db.prepare(`INSERT OR IGNORE INTO ${t} (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`);
    this.byKey = db.prepare(`SELECT *, rowid AS fact_rowid FROM ${t} WHERE ${keyWhere}`);
    this.byEvent = spec.fact ? db.prepare(`SELECT *, rowid AS fact_rowid FROM ${t} WHERE source = ? AND source_event_id = ?`) : undefined;
    this.full = db.prepare(`SELECT * FROM ${t} WHERE rowid = ?`);
    this.update = db.prepare(`UPDATE ${t} SET ${cols.map((c) => `${c} = ?`).join(", ")} WHERE rowid = ?`);
    this.history = db.prepare(
      "INSERT INTO fact_history (kind, fact_id, old_values, replaced_at, replaced_by_ingest) VALUES (?, ?, ?, ?, ?)",
    );
    this.contentColumns = spec.columns.filter((c) => !NOT_CONTENT.has(c));
  }

  /** Writes one harmonised row and says what happened to it. */
  write(values: Record<string, SqlValue>): WriteOutcome {
    const params: SqlValue[] = this.spec.columns.map((c) => values[c] ?? null);
    const hash = this.spec.fact ? this.hashOf(values) : undefined;
    if (hash !== undefined) params.push(hash, this.ingestId);
    if (this.insert.run(params).changes === 1) return "new";

    const existing = this.find(values);
    if (!existing) {
      throw new RowRejection(undefined, "conflicts with a stored record under a different key (same source event id or natural key)");
    }
    const same = this.spec.fact
      ? existing.content_hash === hash
      : this.spec.columns.every((c) => existing[c] === (values[c] ?? null));
    if (same) return "duplicate";

    // Named apart: reference tables have a TEXT column called id that `rowid AS id` would collide with.
    const id = existing.fact_rowid as number;
    this.history.run(this.kind, id, JSON.stringify(this.full.get(id)), this.now().toISOString(), this.ingestId);
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

  private find(values: Record<string, SqlValue>): Record<string, SqlValue> | undefined {
    const eventId = values.source_event_id;
    if (this.byEvent && eventId !== null && eventId !== undefined) {
      const hit = this.byEvent.get(values.source, eventId) as Record<string, SqlValue> | undefined;
      if (hit) return hit;
    }
    return this.byKey.get(this.spec.key.map((k) => values[k] ?? null)) as Record<string, SqlValue> | undefined;
  }

  private hashOf(values: Record<string, SqlValue>): string {
    let text = "";
    for (const c of this.contentColumns) text += `${values[c] ?? "\u0000"}\u001f`;
    return hash("sha1", text, "base64");
  }
}
