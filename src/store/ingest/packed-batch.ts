import type { SqlValue } from "../kinds/index.js";
import type { PreparedRow } from "./prepare.js";
import type { RowParams } from "./row-params.js";

const NULL = 0;
const NUMBER = 1;
const STRING = 2;

/** Strings up to this length are sent once per batch (SKUs, stores, dates repeat); longer ones (hashes, texts) rarely repeat. */
const INTERN_UP_TO = 24;

/**
 * Prepared rows as typed arrays plus one table of the batch's strings, for posting from the
 * preparing thread to the writer. Structured-cloning 1,024 row arrays costs the receiving thread
 * more than writing them; typed arrays are transferred without a copy, and the few distinct strings
 * clone in microseconds.
 */
export interface PackedBatch {
  /** Parameters per row. */
  width: number;
  lines: Float64Array;
  /** Per cell: NULL, NUMBER or STRING. */
  kinds: Uint8Array;
  /** Per cell: the number, or the string's index in `strings`. */
  cells: Float64Array;
  strings: string[];
  /** Rows to quarantine, by position in the batch, ascending. */
  rejected: { row: number; field?: string; reason: string; raw: string }[];
}

/** Packs rows whose params all have `width` entries. */
export function pack(rows: readonly PreparedRow[], width: number): PackedBatch {
  const n = rows.length;
  const batch: PackedBatch = {
    width,
    lines: new Float64Array(n),
    kinds: new Uint8Array(n * width),
    cells: new Float64Array(n * width),
    strings: [],
    rejected: [],
  };
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    batch.lines[i] = row.line;
    if (!("params" in row)) {
      batch.rejected.push({
        row: i,
        ...(row.field ? { field: row.field } : {}),
        reason: row.reason,
        raw: row.raw,
      });
      continue;
    }
    for (let j = 0, o = i * width; j < width; j++, o++) {
      const v = row.params[j];
      if (v === null || v === undefined) {
        batch.kinds[o] = NULL;
        continue;
      }
      if (typeof v === "number") {
        batch.kinds[o] = NUMBER;
        batch.cells[o] = v;
        continue;
      }
      let k = v.length <= INTERN_UP_TO ? index.get(v) : undefined;
      if (k === undefined) {
        k = batch.strings.push(v) - 1;
        if (v.length <= INTERN_UP_TO) index.set(v, k);
      }
      batch.kinds[o] = STRING;
      batch.cells[o] = k;
    }
  }
  return batch;
}

/** The buffers to transfer with a batch. */
export function transferables(b: PackedBatch): ArrayBuffer[] {
  return [
    b.lines.buffer as ArrayBuffer,
    b.kinds.buffer as ArrayBuffer,
    b.cells.buffer as ArrayBuffer,
  ];
}

/** The rows of a packed batch, in order. */
export function unpack(b: PackedBatch): PreparedRow[] {
  const n = b.lines.length;
  const out = new Array<PreparedRow>(n);
  let next = 0;
  for (let i = 0; i < n; i++) {
    const r = b.rejected[next];
    if (r?.row === i) {
      next++;
      out[i] = {
        line: b.lines[i]!,
        ...(r.field ? { field: r.field } : {}),
        reason: r.reason,
        raw: r.raw,
      };
      continue;
    }
    const params: RowParams = new Array<SqlValue>(b.width);
    for (let j = 0, o = i * b.width; j < b.width; j++, o++) {
      const kind = b.kinds[o];
      params[j] = kind === NUMBER ? b.cells[o]! : kind === STRING ? b.strings[b.cells[o]!]! : null;
    }
    out[i] = { line: b.lines[i]!, params };
  }
  return out;
}
