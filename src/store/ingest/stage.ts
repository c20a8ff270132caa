import { beginWrite } from "../begin.js";
import type { Db } from "../db.js";
import { kindSpec } from "../kinds/index.js";
import { ownerGone, processOwner } from "../owner.js";
import { factsVersion } from "../versions.js";
import { futureCheck } from "./future.js";
import type { PreparedRow } from "./prepare.js";
import { RowEncoder, type RowParams } from "./row-params.js";
import { StageTable } from "./stage-table.js";

/** What a stage is for: one input of one kind. */
export interface StageInput {
  kind: string;
  source: string;
  origin: string;
  originSha256?: string;
}

/** Rows per read of staged rows while publishing, and per delete while clearing. */
const CHUNK = 5_000;
/** A stage whose owner has not written for this long is abandoned (an owner on another host). */
const STALE_MS = 30 * 60_000;

interface StageRow {
  id: number;
  owner: string;
  started_at: string;
  heartbeat_at: string;
  kind: string;
  source: string;
  file_sha256: string | null;
  catalog_version: string;
  published_ingest_id: number | null;
}

/**
 * A bulk ingest's rows, staged in short transactions before one publish (see migration 16).
 * Rows are numbered by their place in the input, so staging them again is a no-op: a re-run of
 * the same input adopts the stage its killed predecessor left and skips the rows already staged.
 * Future-dated rows are refused here, by the clock of the staging.
 */
export class IngestStage {
  private constructor(
    private readonly db: Db,
    readonly table: StageTable,
    readonly id: number,
    readonly startedAt: string,
    /** Rows already staged (by an adopted predecessor, then by this ingest). */
    private staged: number,
    private readonly timeoutMs: number,
  ) {}

  /** Opens a stage for `input`, adopting an abandoned one of the same input; sweeps the others. */
  static async open(db: Db, input: StageInput, now: Date, timeoutMs: number): Promise<IngestStage> {
    const owner = processOwner();
    const table = new StageTable(kindSpec(input.kind).table);
    const catalog = factsVersion(db, []);
    const stamp = now.toISOString();
    await beginWrite(db, timeoutMs);
    let stage: IngestStage;
    let swept: StageRow[];
    try {
      table.ensure(db);
      const all = db.prepare("SELECT * FROM ingest_stages").all() as StageRow[];
      const stale = new Date(now.getTime() - STALE_MS).toISOString();
      const abandoned = all.filter((s) => ownerGone(s.owner) || s.heartbeat_at < stale);
      const same = abandoned.find(
        (s) =>
          s.published_ingest_id === null &&
          input.originSha256 !== undefined &&
          s.kind === input.kind &&
          s.source === input.source &&
          s.file_sha256 === input.originSha256 &&
          s.catalog_version === catalog,
      );
      if (same) {
        db.prepare("UPDATE ingest_stages SET owner = ?, heartbeat_at = ? WHERE id = ?").run(
          owner,
          stamp,
          same.id,
        );
        const n = (
          db.prepare(`SELECT count(*) AS n FROM ${table.name} WHERE stage_id = ?`).get(same.id) as {
            n: number;
          }
        ).n;
        stage = new IngestStage(db, table, same.id, same.started_at, n, timeoutMs);
      } else {
        const id = Number(
          db
            .prepare(
              `INSERT INTO ingest_stages (kind, origin, file_sha256, source, catalog_version, owner, started_at, heartbeat_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              input.kind,
              input.origin,
              input.originSha256 ?? null,
              input.source,
              catalog,
              owner,
              stamp,
              stamp,
            ).lastInsertRowid,
        );
        stage = new IngestStage(db, table, id, stamp, 0, timeoutMs);
      }
      // Left by a killed ingest (of another input, or already published): its rows only need deleting.
      swept = abandoned.filter((s) => s.id !== same?.id);
      const claim = db.prepare("UPDATE ingest_stages SET owner = ?, heartbeat_at = ? WHERE id = ?");
      for (const s of swept) claim.run(owner, stamp, s.id);
      db.exec("COMMIT");
    } catch (e) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw e;
    }
    for (const s of swept)
      await clearRows(db, new StageTable(kindSpec(s.kind).table), s.id, timeoutMs);
    return stage;
  }

  /** Rows staged so far. */
  get size(): number {
    return this.staged;
  }

  /** Stages rows `from`.. of the input (`from` = how many rows came before them), in one short transaction. */
  async append(rows: readonly PreparedRow[], from: number, now: Date): Promise<void> {
    const skip = Math.max(0, this.staged - from);
    if (skip >= rows.length) return;
    const width = this.table.columns.length;
    const encoder = new RowEncoder(this.table.spec);
    const future = futureCheck(this.table.spec, now);
    const empty = new Array<null>(width).fill(null);
    await beginWrite(this.db, this.timeoutMs);
    try {
      const insert = this.db.prepare(
        `INSERT OR IGNORE INTO ${this.table.name} VALUES (?, ?, ?, ?, ?, ?${", ?".repeat(width)})`,
      );
      for (let i = skip; i < rows.length; i++) {
        const r = rows[i]!;
        const seq = from + i;
        if (!("params" in r)) {
          insert.run(this.id, seq, r.line, r.field ?? null, r.reason, r.raw, ...empty);
          continue;
        }
        const ahead = future(r.params);
        if (ahead)
          insert.run(
            this.id,
            seq,
            r.line,
            ahead.field,
            ahead.reason,
            JSON.stringify(encoder.valuesOf(r.params)),
            ...empty,
          );
        else insert.run(this.id, seq, r.line, null, null, null, ...r.params);
      }
      this.db
        .prepare("UPDATE ingest_stages SET heartbeat_at = ? WHERE id = ?")
        .run(now.toISOString(), this.id);
      this.db.exec("COMMIT");
      this.staged = from + rows.length;
    } catch (e) {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      throw e;
    }
  }

  /** The staged rows in input order, read in chunks (inside the publishing transaction). */
  *rows(): Generator<PreparedRow[]> {
    const read = this.db
      .prepare(
        `SELECT line, reject_field, reject_reason, reject_raw, ${this.table.columns.join(", ")}
        FROM ${this.table.name} WHERE stage_id = ? AND seq >= ? ORDER BY seq LIMIT ?`,
      )
      .raw(true);
    for (let from = 0; ; from += CHUNK) {
      const chunk = read.all(this.id, from, CHUNK) as unknown[][];
      if (chunk.length === 0) return;
      yield chunk.map(toPrepared);
      if (chunk.length < CHUNK) return;
    }
  }

  /** Marks the stage published (in the publishing transaction, so it is never adopted again). */
  published(ingestId: number): void {
    this.db
      .prepare("UPDATE ingest_stages SET published_ingest_id = ? WHERE id = ?")
      .run(ingestId, this.id);
  }

  /** Deletes the staged rows, in short transactions (after publishing or giving up). */
  async clear(): Promise<void> {
    await clearRows(this.db, this.table, this.id, this.timeoutMs);
  }
}

function toPrepared(r: unknown[]): PreparedRow {
  const [line, field, reason] = r as [number, string | null, string | null];
  if (reason !== null)
    return { line, ...(field !== null ? { field } : {}), reason, raw: String(r[3]) };
  return { line, params: r.slice(4) as RowParams };
}

/** Deletes a stage's rows a chunk per transaction (no delete holds the lock for long), then the stage. */
async function clearRows(
  db: Db,
  table: StageTable,
  stageId: number,
  timeoutMs: number,
): Promise<void> {
  const del = table.exists(db)
    ? db.prepare(`DELETE FROM ${table.name} WHERE stage_id = ? AND seq IN
        (SELECT seq FROM ${table.name} WHERE stage_id = ? ORDER BY seq LIMIT ${CHUNK})`)
    : undefined;
  for (let n = CHUNK; del && n === CHUNK;) {
    await beginWrite(db, timeoutMs);
    try {
      n = del.run(stageId, stageId).changes;
      db.exec("COMMIT");
    } catch (e) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw e;
    }
  }
  await beginWrite(db, timeoutMs);
  db.prepare("DELETE FROM ingest_stages WHERE id = ?").run(stageId);
  db.exec("COMMIT");
}
