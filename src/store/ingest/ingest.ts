import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { basename, extname } from "node:path";
import { InputError } from "../../errors.js";
import type { Db } from "../db.js";
import { factsChanged } from "../versions.js";
import { kindSpec } from "../kinds/index.js";
import { transformBatches, requiredKeys, type TransformName } from "../formats/transforms.js";
import { preparedInWorker } from "./parallel.js";
import { beginWrite } from "../begin.js";
import { createPreparer, type PreparedRow } from "./prepare.js";
import { publishRows, type PublishInput } from "./publish.js";
import { canPublishInBulk, publishStaged } from "./publish-staged.js";
import { detectFormat, readCsv, readJsonl, type RecordBatches } from "./readers.js";
import type { IngestReport } from "./report.js";
import { IngestStage } from "./stage.js";

export interface IngestOptions {
  kind: string;
  /** Names the source system; SKU aliases are looked up under it. */
  source: string;
  /** Where the records came from, for messages and quarantine: a file path or "POST /signals/sales". */
  origin: string;
  /** Identifies the exact input, so re-ingesting it does not quarantine the same rows twice. */
  originSha256?: string;
  now?: () => Date;
  /** How long to wait for another writer before failing with SQLITE_BUSY (default 15 minutes). */
  lockTimeoutMs?: number;
}

const DEFAULT_LOCK_TIMEOUT_MS = 15 * 60_000;

/**
 * Rows per staged commit. An input that ends before this many rows is published in one
 * transaction straight away; a longer one is staged in commits of this size (a few ms of lock
 * each), then published in one short transaction: no writer holds the lock for a whole file.
 */
export const STAGE_ROWS = 5_000;

/**
 * Ingests records of one kind: valid rows are harmonised and stored, invalid ones quarantined
 * with line and reason; a whole-input error (missing column, unreadable file) stores nothing.
 * This is the single entry point the CLI and the HTTP API share.
 */
export async function ingestRecords(
  db: Db,
  batches: RecordBatches,
  opts: IngestOptions,
): Promise<IngestReport> {
  const prepare = createPreparer(db, opts.kind, opts.source);
  return storePrepared(
    db,
    mapBatches(batches, (b) => b.map(prepare)),
    opts,
  );
}

/**
 * Writes prepared rows: the store half of an ingest, always on the caller's connection. Readers
 * see all of an ingest or none of it: a large input is staged (see IngestStage) and published in
 * one transaction; a killed ingest's staged rows are adopted by a re-run of the same input.
 */
export async function storePrepared(
  db: Db,
  batches: AsyncIterable<readonly PreparedRow[]> | Iterable<readonly PreparedRow[]>,
  opts: IngestOptions,
): Promise<IngestReport> {
  kindSpec(opts.kind);
  const now = opts.now ?? (() => new Date());
  const timeoutMs = opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const startedAt = now().toISOString();
  let pending: PreparedRow[] = [];
  let seen = 0;
  let stage: IngestStage | undefined;
  try {
    for await (const batch of batches) {
      for (const row of batch) pending.push(row);
      if (pending.length < STAGE_ROWS) continue;
      stage ??= await IngestStage.open(db, opts, now(), timeoutMs);
      await stage.append(pending, seen, now());
      seen += pending.length;
      pending = [];
    }
    if (stage) await stage.append(pending, seen, now());
    const report = await publish(db, stage, pending, { ...opts, startedAt, now }, timeoutMs);
    await stage?.clear();
    return report;
  } catch (e) {
    // A whole-input error: nothing is published; the staged rows go (a kill leaves them to be swept).
    await stage?.clear().catch(() => undefined);
    throw e;
  } finally {
    factsChanged(db);
  }
}

/** The one transaction that makes an ingest visible: from its stage, or from memory when short. */
async function publish(
  db: Db,
  stage: IngestStage | undefined,
  rows: PreparedRow[],
  input: PublishInput,
  timeoutMs: number,
): Promise<IngestReport> {
  const bulk = stage !== undefined && canPublishInBulk(db, stage.table, stage.id);
  await beginWrite(db, timeoutMs);
  try {
    const startedAt = stage?.startedAt ?? input.startedAt;
    const report = !stage
      ? publishRows(db, [rows], input)
      : bulk
        ? publishStaged(db, stage.table, stage.id, stage.size, { ...input, startedAt })
        : publishRows(db, stage.rows(), { ...input, startedAt });
    stage?.published(report.ingestId);
    db.exec("COMMIT");
    return report;
  } catch (e) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw e;
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
  const store = {
    kind: opts.kind,
    source,
    origin: opts.file,
    originSha256: sha,
    ...(opts.now ? { now: opts.now } : {}),
  };
  const parallel = opts.parallel ?? statSync(opts.file).size >= PARALLEL_FROM_BYTES;
  if (parallel && !db.memory) {
    return storePrepared(
      db,
      preparedInWorker({
        dbPath: db.name,
        kind: opts.kind,
        source,
        file: opts.file,
        format,
        ...(opts.transform ? { transform: opts.transform } : {}),
      }),
      store,
    );
  }
  const read =
    format === "csv"
      ? readCsv(opts.file, requiredKeys(spec.rowSchema, opts.transform))
      : readJsonl(opts.file);
  return ingestRecords(db, opts.transform ? transformBatches(read, opts.transform) : read, store);
}

/** Streams the file through sha256; also the first check that it exists and can be read. */
export async function sha256File(file: string): Promise<string> {
  const h = createHash("sha256");
  try {
    for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ENOENT")
      throw new InputError("FILE_NOT_FOUND", `${file}: no such file`, { file, cause: e });
    throw new InputError("INVALID_INPUT", `${file}: cannot read: ${(e as Error).message}`, {
      file,
      cause: e,
    });
  }
  return h.digest("hex");
}

async function* mapBatches<A, B>(
  batches: AsyncIterable<readonly A[]> | Iterable<readonly A[]>,
  fn: (b: readonly A[]) => B[],
): AsyncGenerator<B[]> {
  for await (const b of batches) yield fn(b);
}
