import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Clock } from "../../domain/index.js";
import { ingestRecords, kindSpec, type SourceRecord } from "../../store/index.js";
import { requiredKeys } from "../../store/formats/transforms.js";
import { jsonRecord, readCsv } from "../../store/ingest/readers.js";

/** The feed kinds and the ingest report, for the HTTP route's validation and documentation. */
export { INGEST_KINDS, ingestReportSchema } from "../../store/index.js";
export type { IngestReport } from "../../store/index.js";

/** One posted feed body, as the HTTP route validated it. */
export interface PostedFeed {
  kind: string;
  source: string;
  /** Where the rows came from, for errors and the ingest log (e.g. `POST /signals/sales`). */
  origin: string;
  originSha256: string;
  body: { csv: string } | { rows: readonly unknown[] };
}

/** A CSV body goes through the CLI's own reader (header check, broken rows quarantined), read fully before the write transaction opens. */
async function csvRecords(kind: string, text: string, origin: string): Promise<SourceRecord[][]> {
  const dir = mkdtempSync(join(tmpdir(), "autopromo-signals-"));
  try {
    const file = join(dir, "body.csv");
    writeFileSync(file, text);
    const out: SourceRecord[][] = [];
    try {
      for await (const b of readCsv(file, requiredKeys(kindSpec(kind).rowSchema))) out.push(b);
    } catch (e) {
      // The reader names the temp file; the caller only knows its request.
      if (e instanceof Error) e.message = e.message.split(file).join(origin);
      throw e;
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads a posted feed into batches of source records (same reader and quarantine as the CLI). */
export async function postedRecords(feed: PostedFeed): Promise<SourceRecord[][]> {
  if ("csv" in feed.body) return csvRecords(feed.kind, feed.body.csv, feed.origin);
  return [feed.body.rows.map((r, i) => jsonRecord(i + 1, JSON.stringify(r)))];
}

/** Ingests read batches of a posted feed: harmonised, deduplicated, quarantined as the CLI does. */
export function ingestPosted(
  db: Parameters<typeof ingestRecords>[0],
  clock: Clock,
  feed: PostedFeed,
  batches: SourceRecord[][],
) {
  const { kind, source, origin, originSha256 } = feed;
  return ingestRecords(db, batches, { kind, source, origin, originSha256, now: () => clock.now() });
}
