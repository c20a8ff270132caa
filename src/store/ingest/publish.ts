import type { Db } from "../db.js";
import { RowRejection } from "../harmonise/rejection.js";
import { kindSpec } from "../kinds/index.js";
import { prepared } from "../sql.js";
import { futureCheck } from "./future.js";
import type { PreparedRow } from "./prepare.js";
import { MAX_REPORTED_REJECTIONS, type IngestReport } from "./report.js";
import { RowEncoder, type RowParams } from "./row-params.js";
import { TableWriter } from "./writer.js";

/** The input being published: what the `ingests` row and the quarantine name. */
export interface PublishInput {
  kind: string;
  source: string;
  origin: string;
  originSha256?: string;
  startedAt: string;
  now: () => Date;
}

/**
 * One ingest made visible: its `ingests` row, its stored rows and its quarantined ones. The
 * caller holds the write transaction, so readers see all of it or none.
 */
export class Publication {
  readonly report: IngestReport;
  private readonly writer: TableWriter;
  private readonly encoder: RowEncoder;
  private readonly quarantine;

  constructor(
    private readonly db: Db,
    private readonly input: PublishInput,
  ) {
    const spec = kindSpec(input.kind);
    const ingestId = Number(
      prepared(
        db,
        "INSERT INTO ingests (kind, file, file_sha256, source, started_at) VALUES (?, ?, ?, ?, ?)",
      ).run(input.kind, input.origin, input.originSha256 ?? null, input.source, input.startedAt)
        .lastInsertRowid,
    );
    this.writer = new TableWriter(db, spec.table, input.kind, ingestId, input.now);
    this.encoder = new RowEncoder(spec.table);
    this.quarantine = prepared(
      db,
      `INSERT OR IGNORE INTO quarantine (ingest_id, kind, file, file_sha256, line, field, reason, raw, quarantined_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.report = {
      ingestId,
      kind: input.kind,
      file: input.origin,
      source: input.source,
      rowsRead: 0,
      stored: 0,
      corrected: 0,
      duplicates: 0,
      quarantined: 0,
      alreadyQuarantined: 0,
      rejections: [],
    };
  }

  /** Quarantines one row with its reason. */
  reject(line: number, field: string | undefined, reason: string, raw: string): void {
    const { report, input } = this;
    report.quarantined++;
    const fresh = this.quarantine.run(
      report.ingestId,
      input.kind,
      input.origin,
      input.originSha256 ?? null,
      line,
      field ?? null,
      reason,
      raw,
      input.now().toISOString(),
    );
    if (fresh.changes === 0) report.alreadyQuarantined++;
    if (report.rejections.length < MAX_REPORTED_REJECTIONS)
      report.rejections.push({ line, ...(field ? { field } : {}), reason });
  }

  /** Stores one encoded row by the correction rule (see TableWriter), or quarantines it. */
  write(line: number, params: RowParams): void {
    try {
      const outcome = this.writer.write(params);
      if (outcome === "new") this.report.stored++;
      else if (outcome === "corrected") this.report.corrected++;
      else this.report.duplicates++;
    } catch (e) {
      if (!(e instanceof RowRejection)) throw e;
      this.reject(line, e.field, e.reason, JSON.stringify(this.encoder.valuesOf(params)));
    }
  }

  /** Records the counts on the `ingests` row. */
  finish(): IngestReport {
    const r = this.report;
    prepared(
      this.db,
      `UPDATE ingests SET finished_at = ?, rows_read = ?, stored_new = ?, corrected = ?, duplicates = ?, quarantined = ? WHERE id = ?`,
    ).run(
      this.input.now().toISOString(),
      r.rowsRead,
      r.stored,
      r.corrected,
      r.duplicates,
      r.quarantined,
      r.ingestId,
    );
    return r;
  }
}

/** Publishes prepared rows one by one, in input order (future-dated ones quarantined). */
export function publishRows(
  db: Db,
  batches: Iterable<readonly PreparedRow[]>,
  input: PublishInput,
): IngestReport {
  const spec = kindSpec(input.kind);
  const p = new Publication(db, input);
  const encoder = new RowEncoder(spec.table);
  const future = futureCheck(spec.table, input.now());
  for (const batch of batches) {
    for (const row of batch) {
      p.report.rowsRead++;
      if (!("params" in row)) {
        p.reject(row.line, row.field, row.reason, row.raw);
        continue;
      }
      const ahead = future(row.params);
      if (ahead)
        p.reject(row.line, ahead.field, ahead.reason, JSON.stringify(encoder.valuesOf(row.params)));
      else p.write(row.line, row.params);
    }
  }
  return p.finish();
}
