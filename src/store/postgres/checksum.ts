import { hash } from "node:crypto";

// A table's checksum, independent of row order (SQLite and Postgres return rows in their own
// order): two sums, modulo 2^32, of the halves of each row's first 64 hash bits. Computed from
// JS values on both sides, so it also proves every value reads back as the same JS value.

const MOD = 2 ** 32;

/** One value as unambiguous text: its kind, then its content. */
function encode(v: unknown): string {
  if (v === null || v === undefined) return "n";
  if (typeof v === "number") return `d${Object.is(v, -0) ? "-0" : String(v)}`;
  if (typeof v === "bigint") return `d${v.toString()}`;
  if (typeof v === "string") return `s${v.length}:${v}`;
  if (v instanceof Uint8Array) return `b${Buffer.from(v).toString("hex")}`;
  return `j${JSON.stringify(v)}`;
}

/** Accumulates rows; `hex` is the table's checksum so far. */
export class TableChecksum {
  private high = 0;
  private low = 0;
  rows = 0;

  /** Adds one row (its values in column order). */
  add(row: readonly unknown[]): void {
    let text = "";
    for (const v of row) text += encode(v);
    const digest = hash("sha1", text);
    this.high = (this.high + parseInt(digest.slice(0, 8), 16)) % MOD;
    this.low = (this.low + parseInt(digest.slice(8, 16), 16)) % MOD;
    this.rows++;
  }

  /** The checksum as 16 hex digits. */
  get hex(): string {
    return this.high.toString(16).padStart(8, "0") + this.low.toString(16).padStart(8, "0");
  }
}
