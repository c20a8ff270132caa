import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { basename, extname } from "node:path";
import { InputError } from "../../errors.js";
import type { Db } from "../db.js";
import { prepared } from "../sql.js";
import { forgetFactsStamp } from "../versions.js";
import { RowRejection } from "../harmonise/rejection.js";
import { kindSpec } from "../kinds/index.js";
import { transformBatches, requiredKeys, type TransformName } from "../formats/transforms.js";
import { preparedInWorker } from "./parallel.js";
import { futureCheck } from "./future.js";
import { createPreparer, type PreparedRow } from "./prepare.js";
import { detectFormat, readCsv, readJsonl, type RecordBatches } from "./readers.js";
import { MAX_REPORTED_REJECTIONS, type IngestReport } from "./report.js";
import { RowEncoder } from "./row-params.js";
import { TableWriter } from "./writer.js";

export interface IngestOptions {
  kind: string;
  /** Names the source system; SKU aliases are looked up under it. */
  source: string;
  /** Where the records came from, for messages and quarantine: a file path or "POST /signals/sales". */
  origin: string;
  /** Identifies the exact input, so re-ingesting it does not quarantine the same rows twice. */
  originSha256?: string;
  now?: () => Date;
  /** How long to wait for another writer (a long ingest holds the lock for its whole file). */
  lockTimeoutMs?: number;
}

const DEFAULT_LOCK_TIMEOUT_MS = 15 * 60_000;

/**
 * Takes the write lock, waiting behind another process's ingest: SQLite's busy_timeout covers a
 * few seconds, a concurrent ingest of a large file can hold the lock for minutes.
 */
async function beginWrite(db: Db, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 50; ; pause = Math.min(pause * 2, 2_000)) {
    try {
      db.exec("BEGIN IMMEDIATE");
      return;
    } catch (e) {
      const busy = (e as { code?: string }).code?.startsWith("SQLITE_BUSY");
      if (!busy || Date.now() + pause > deadline) throw e;
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}

/**
 * Ingests records of one kind in one transaction: valid rows are harmonised and stored, invalid
 * ones quarantined with line and reason; a whole-input error (missing column, unreadable file)
 * rolls everything back. This is the single entry point the CLI and the HTTP API share.
 */
export async function ingestRecords(db: Db, batches: RecordBatches, opts: IngestOptions): Promise<IngestReport> {
  const prepare = createPreparer(db, opts.kind, opts.source);
  return storePrepared(db, mapBatches(batches, (b) => b.map(prepare)), opts);
}

/** Writes prepared rows: the store half of an ingest, always on the caller's connection. */
export async function storePrepared(
  db: Db,
  batches: AsyncIterable<readonly PreparedRow[]> | Iterable<readonly PreparedRow[]>,
  opts: IngestOptions,
): Promise<IngestReport> {
  const spec = kindSpec(opts.kind);
  const now = opts.now ?? (() => new Date());
  // Held for the whole stream: nothing else may interleave writes on this connection meanwhile.
  await beginWrite(db, opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
  try {
    const ingestId = Number(
      prepared(db, "INSERT INTO ingests (kind, file, file_sha256, source, started_at) VALUES (?, ?, ?, ?, ?)").run(opts.kind, opts.origin, opts.originSha256 ?? null, opts.source, now().toISOString()).lastInsertRowid,
    );
    const writer = new TableWriter(db, spec.table, opts.kind, ingestId, now);
    const encoder = new RowEncoder(spec.table);
    const future = futureCheck(spec.table, now());
    const quarantine = prepared(
      db,
      `INSERT OR IGNORE INTO quarantine (ingest_id, kind, file, file_sha256, line, field, reason, raw, quarantined_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const report: IngestReport = {
      ingestId, kind: opts.kind, file: opts.origin, source: opts.source,
      rowsRead: 0, stored: 0, corrected: 0, duplicates: 0, quarantined: 0, alreadyQuarantined: 0, rejections: [],
    };
    const reject = (line: number, field: string | undefined, reason: string, raw: string) => {
      report.quarantined++;
      const fresh = quarantine.run(ingestId, opts.kind, opts.origin, opts.originSha256 ?? null, line, field ?? null, reason, raw, now().toISOString());
      if (fresh.changes === 0) report.alreadyQuarantined++;
      if (report.rejections.length < MAX_REPORTED_REJECTIONS) report.rejections.push({ line, ...(field ? { field } : {}), reason });
    };

    for await (const batch of batches) {
      for (const row of batch) {
        report.rowsRead++;
        if (!("params" in row)) {
          reject(row.line, row.field, row.reason, row.raw);
          continue;
        }
        const ahead = future(row.params);
        if (ahead) {
          reject(row.line, ahead.field, ahead.reason, JSON.stringify(encoder.valuesOf(row.params)));
          continue;
        }
        try {
          const outcome = writer.write(row.params);
          if (outcome === "new") report.stored++;
          else if (outcome === "corrected") report.corrected++;
          else report.duplicates++;
        } catch (e) {
          if (!(e instanceof RowRejection)) throw e;
          reject(row.line, e.field, e.reason, JSON.stringify(encoder.valuesOf(row.params)));
        }
      }
    }
    prepared(
      db,
      `UPDATE ingests SET finished_at = ?, rows_read = ?, stored_new = ?, corrected = ?, duplicates = ?, quarantined = ? WHERE id = ?`,
    ).run(now().toISOString(), report.rowsRead, report.stored, report.corrected, report.duplicates, report.quarantined, ingestId);
    db.exec("COMMIT");
    return report;
  } catch (e) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw e;
  } finally {
    forgetFactsStamp(db);
  }
}

export interface IngestFileOptions {
  kind: string;
  file: string;
  /** Defaults to the file name without its extension. */
  source?: string;
  format?: string;
  now?: () => Date;
  /** Prepare on a worker thread; by default only for large files. */
  parallel?: boolean;
  /** A named mapping from a vendor's columns to the kind's (see formats/transforms.ts). */
  transform?: TransformName;
}

/** Files at least this large are prepared on a worker thread (when the database is a file). */
const PARALLEL_FROM_BYTES = 4 << 20;

/** Ingests a CSV or JSON Lines file of one kind; see {@link ingestRecords}. */
export async function ingestFile(db: Db, opts: IngestFileOptions): Promise<IngestReport> {
  const spec = kindSpec(opts.kind);
  const format = detectFormat(opts.file, opts.format);
  const sha = await sha256File(opts.file);
  const source = opts.source ?? basename(opts.file, extname(opts.file));
  const store = { kind: opts.kind, source, origin: opts.file, originSha256: sha, ...(opts.now ? { now: opts.now } : {}) };
  const parallel = opts.parallel ?? (statSync(opts.file).size >= PARALLEL_FROM_BYTES);
  if (parallel && !db.memory) {
    return storePrepared(db, preparedInWorker({ dbPath: db.name, kind: opts.kind, source, file: opts.file, format, ...(opts.transform ? { transform: opts.transform } : {}) }), store);
  }
  const read = format === "csv" ? readCsv(opts.file, requiredKeys(spec.rowSchema, opts.transform)) : readJsonl(opts.file);
  return ingestRecords(db, opts.transform ? transformBatches(read, opts.transform) : read, store);
}

/** Streams the file through sha256; also the first check that it exists and can be read. */
export async function sha256File(file: string): Promise<string> {
  const h = createHash("sha256");
  try {
    for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ENOENT") throw new InputError("FILE_NOT_FOUND", `${file}: no such file`, { file, cause: e });
    throw new InputError("INVALID_INPUT", `${file}: cannot read: ${(e as Error).message}`, { file, cause: e });
  }
  return h.digest("hex");
}

async function* mapBatches<A, B>(
  batches: AsyncIterable<readonly A[]> | Iterable<readonly A[]>,
  fn: (b: readonly A[]) => B[],
): AsyncGenerator<B[]> {
  for await (const b of batches) yield fn(b);
}
