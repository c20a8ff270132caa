import type pg from "pg";
import { AutopromoError } from "../../errors.js";

// pg reads bigint (int8) as a string, since it may exceed 2^53. The store's integers are ids,
// counts and 0/1 flags, as SQLite returns them: JS numbers. Passed to each pool (its `types`),
// never set on pg's global registry, which other code in the process shares.

const INT8 = 20;

/** An int8 as a JS number; a value past 2^53 is an error rather than a silent rounding. */
export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n))
    throw new AutopromoError("STORE_ERROR", `integer ${text} does not fit a JS number`);
  return n;
}

/** The type parsers of a store pool: pg's own (`base`), except bigint as a number. */
export function storeTypes(base: typeof pg.types): {
  getTypeParser: typeof pg.types.getTypeParser;
} {
  const getTypeParser = ((oid: number, format?: "text" | "binary") =>
    oid === INT8 && format !== "binary"
      ? parseInt8
      : base.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;
  return { getTypeParser };
}
