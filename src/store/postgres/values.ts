import { AutopromoError } from "../../errors.js";
import { affinity } from "./parity.js";

// SQLite is loosely typed: a column holds whatever was written. Each value goes to Postgres as
// the JS value it will read back as; what cannot is an error naming the table, row and column.

/** Converts one SQLite value of a column with declared type `type` for Postgres. */
export type ValueConverter = (v: unknown, where: () => string) => unknown;

const asIs: ValueConverter = (v) => v;

/** An integer column's value: a whole number (or NULL). */
const integer: ValueConverter = (v, where) => {
  if (v === null || (typeof v === "number" && Number.isSafeInteger(v))) return v;
  if (typeof v === "bigint" && v >= Number.MIN_SAFE_INTEGER && v <= Number.MAX_SAFE_INTEGER)
    return Number(v);
  throw new AutopromoError(
    "STORE_ERROR",
    `${where()}: ${JSON.stringify(typeof v === "bigint" ? v.toString() : v)} is not an ` +
      "integer a JS number holds; fix the row in SQLite and run again",
  );
};

/** A BLOB column's value as bytes: SQLite lets JSON text sit in one; bytea keeps its bytes. */
const bytes: ValueConverter = (v) =>
  typeof v === "string" ? Buffer.from(v, "utf8") : v instanceof Uint8Array ? Buffer.from(v) : v;

/** The converter for a column of SQLite's declared type `type`. */
export function converterFor(type: string): ValueConverter {
  const a = affinity(type);
  return a === "integer" ? integer : a === "blob" ? bytes : asIs;
}
