import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { extname } from "node:path";
import { InputError } from "../../errors.js";
import { columnToKey, keyToColumn, normaliseKeys } from "./columns.js";
import { csvRecords } from "./csv-records.js";

/** One source record (keys already in schema form) with the file line it came from, or why it could not even be read. */
export type SourceRecord =
  | { line: number; values: Record<string, unknown> }
  | { line: number; unreadable: string; raw: string };

/** Records travel in batches: one await per batch, not per row, keeps ingestion near raw insert speed. */
export type RecordBatches =
  AsyncIterable<readonly SourceRecord[]> | Iterable<readonly SourceRecord[]>;

const BATCH = 1024;

export type FileFormat = "csv" | "jsonl";

/** Picks the reader from the extension unless the caller says. */
export function detectFormat(file: string, explicit?: string): FileFormat {
  const f = explicit ?? extname(file).slice(1).toLowerCase();
  if (f === "csv") return "csv";
  if (f === "jsonl" || f === "ndjson") return "jsonl";
  throw new InputError(
    "INVALID_INPUT",
    `${file}: cannot tell the format from '${extname(file) || "no extension"}'; use --format csv|jsonl`,
    { file },
  );
}

/**
 * Streams a CSV file: the header is checked before any row is returned, so a file missing a
 * required column fails whole. A row with the wrong field count or broken quoting is returned as
 * unreadable (it will be quarantined) and the file goes on.
 */
export async function* readCsv(
  file: string,
  required: readonly string[],
): AsyncGenerator<SourceRecord[]> {
  let batch: SourceRecord[] = [];
  let keys: string[] | undefined;
  try {
    for await (const items of csvRecords(file)) {
      for (const item of items) {
        if ("malformed" in item) {
          batch.push({ line: item.line, unreadable: `malformed CSV: ${item.malformed}`, raw: "" });
          continue;
        }
        const { record, line } = item;
        if (!keys) {
          keys = record.map(columnToKey);
          const missing = required.filter((k) => !keys!.includes(k));
          if (missing.length) {
            throw new InputError(
              "MISSING_COLUMN",
              `${file}: missing required column${missing.length > 1 ? "s" : ""} ${missing.map(keyToColumn).join(", ")} (header: ${record.join(",")})`,
              { file, field: keyToColumn(missing[0]!) },
            );
          }
          continue;
        }
        if (record.length !== keys.length) {
          batch.push({
            line,
            unreadable: `row has ${record.length} fields, the header has ${keys.length}`,
            raw: record.join(","),
          });
        } else {
          const values: Record<string, unknown> = {};
          for (let i = 0; i < keys.length; i++) values[keys[i]!] = record[i];
          batch.push({ line, values });
        }
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    if ((e as { code?: string }).code === "ENOENT")
      throw new InputError("FILE_NOT_FOUND", `${file}: no such file`, { file, cause: e });
    throw new InputError("INVALID_INPUT", `${file}: cannot read CSV: ${(e as Error).message}`, {
      file,
      cause: e,
    });
  }
  if (batch.length) yield batch;
  if (!keys) throw new InputError("INVALID_INPUT", `${file}: empty file (no header row)`, { file });
}

/** Streams a JSON Lines file; a line that is not a JSON object is returned as unreadable. */
export async function* readJsonl(file: string): AsyncGenerator<SourceRecord[]> {
  const input = createReadStream(file, { encoding: "utf8" });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  let batch: SourceRecord[] = [];
  try {
    for await (const text of lines) {
      n++;
      if (text.trim() !== "") batch.push(jsonRecord(n, text));
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT")
      throw new InputError("FILE_NOT_FOUND", `${file}: no such file`, { file, cause: e });
    throw e;
  }
}

/** One JSON Lines record, its keys mapped to schema form. */
export function jsonRecord(line: number, text: string): SourceRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { line, unreadable: `invalid JSON: ${(e as Error).message}`, raw: text };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { line, unreadable: "expected a JSON object", raw: text };
  }
  return { line, values: normaliseKeys(value as Record<string, unknown>) };
}
