import { hash } from "node:crypto";
import type { SqlValue, TableSpec } from "../kinds/index.js";

/** Provenance is not content: the same facts from a renamed source are still duplicates. */
const NOT_CONTENT = new Set(["source", "source_event_id"]);

/**
 * A harmonised row as the writer binds it: the table's columns in spec order, then, for fact
 * tables, the content hash. Positional, so the writer binds it as it comes, and the hash is
 * computed where the row is prepared (on the worker thread for large files), not where it is written.
 */
export type RowParams = SqlValue[];

/** Encodes harmonised rows of one table into {@link RowParams} and back. */
export class RowEncoder {
  private readonly content: number[];
  /** Parameters per encoded row. */
  readonly width: number;

  constructor(readonly spec: TableSpec) {
    this.content = spec.columns.flatMap((c, i) => (NOT_CONTENT.has(c) ? [] : [i]));
    this.width = spec.columns.length + (spec.fact ? 1 : 0);
  }

  /** Positional parameters of a harmonised row; a column it lacks is NULL. */
  encode(values: Record<string, SqlValue | undefined>): RowParams {
    const cols = this.spec.columns;
    const params: RowParams = new Array<SqlValue>(cols.length);
    for (let i = 0; i < cols.length; i++) params[i] = values[cols[i]!] ?? null;
    return params;
  }

  /** The first column holding a non-finite number, if any: such a value must not be stored. */
  nonFinite(params: RowParams): string | undefined {
    for (let i = 0; i < this.spec.columns.length; i++) {
      const v = params[i];
      if (typeof v === "number" && !Number.isFinite(v)) return this.spec.columns[i];
    }
    return undefined;
  }

  /** Appends the content hash (fact tables): sha1 of the content columns, NULL kept apart from "". */
  withHash(params: RowParams): RowParams {
    if (!this.spec.fact) return params;
    let text = "";
    for (const i of this.content) text += `${params[i] ?? "\u0000"}\u001f`;
    params.push(hash("sha1", text, "base64"));
    return params;
  }

  /** The row as a column → value object (for quarantine's raw text). */
  valuesOf(params: RowParams): Record<string, SqlValue> {
    const out: Record<string, SqlValue> = {};
    this.spec.columns.forEach((c, i) => (out[c] = params[i] ?? null));
    return out;
  }
}
