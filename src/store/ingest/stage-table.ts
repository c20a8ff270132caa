import type { Db } from "../db.js";
import type { TableSpec } from "../kinds/index.js";

/** Columns every stage table has before the fact's own: where the row came from, or why it was refused. */
const HEAD = ["stage_id", "seq", "line", "reject_field", "reject_reason", "reject_raw"] as const;

/** The stage table of a fact or reference table, and the SQL its stage and publish share. */
export class StageTable {
  readonly name: string;
  /** The encoded row's columns: the table's, then content_hash for fact tables. */
  readonly columns: readonly string[];

  constructor(readonly spec: TableSpec) {
    this.name = `stage_${spec.table}`;
    this.columns = [...spec.columns, ...(spec.fact ? ["content_hash"] : [])];
  }

  /**
   * Creates the table, or recreates it when the table's columns changed since (its old rows
   * were staged by another version and cannot be published by this one).
   */
  ensure(db: Db): void {
    const want = [...HEAD, ...this.columns];
    const have = (
      db.prepare(`SELECT name FROM pragma_table_info('${this.name}')`).all() as { name: string }[]
    ).map((c) => c.name);
    if (have.length && have.join() === want.join()) return;
    if (have.length) db.exec(`DROP TABLE ${this.name}`);
    // No declared types: values keep the type they were bound with until the publish casts them.
    // A rowid table like every other: tools (and the crash harness) read tables in rowid order.
    db.exec(`CREATE TABLE ${this.name} (stage_id INTEGER NOT NULL, seq INTEGER NOT NULL, line INTEGER NOT NULL,
      reject_field, reject_reason, reject_raw, ${this.columns.join(", ")}, PRIMARY KEY (stage_id, seq))`);
  }

  /** True when the table exists (a stage of this table was ever opened). */
  exists(db: Db): boolean {
    return (
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(this.name) !==
      undefined
    );
  }

  /** `a.k = b.k AND …` over the natural key, as the unique index writes it (so it can be used). */
  keyMatch(a: string, b: string): string {
    const nullable = new Set(this.spec.nullableKey ?? []);
    return this.spec.key
      .map((k) =>
        nullable.has(k) ? `ifnull(${a}.${k}, '') = ifnull(${b}.${k}, '')` : `${a}.${k} = ${b}.${k}`,
      )
      .join(" AND ");
  }

  /** The natural key as GROUP BY expressions. */
  keyGroup(): string {
    const nullable = new Set(this.spec.nullableKey ?? []);
    return this.spec.key.map((k) => (nullable.has(k) ? `ifnull(${k}, '')` : k)).join(", ");
  }
}
