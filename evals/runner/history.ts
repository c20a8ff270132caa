import type { Db } from "../../src/store/index.js";
import type { EvalReport, HistoryPoint, Metric } from "./schema.js";

/** Stores a run and its metrics in one transaction; returns the run id. */
export function saveRun(db: Db, report: EvalReport): number {
  return db.transaction(() => {
    const ran = report.suites.filter((s) => s.status === "pass" || s.status === "fail");
    const info = db
      .prepare(
        "INSERT INTO eval_runs (started_at, finished_at, git_sha, suites, report) VALUES (?, ?, ?, ?, ?)",
      )
      .run(
        report.startedAt,
        report.finishedAt,
        report.gitSha,
        JSON.stringify(report.suites.map((s) => s.name)),
        JSON.stringify(report),
      );
    const runId = Number(info.lastInsertRowid);
    const insert = db.prepare(
      "INSERT INTO eval_metrics (run_id, suite, metric, value, threshold, direction, unit, pass) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    for (const s of ran) {
      for (const m of s.metrics)
        insert.run(
          runId,
          s.name,
          m.name,
          Number.isFinite(m.value) ? m.value : null,
          m.threshold,
          m.direction,
          m.unit ?? null,
          m.pass ? 1 : 0,
        );
    }
    // The stored report knows its own id, so a report read back from the table is complete.
    db.prepare("UPDATE eval_runs SET report = ? WHERE id = ?").run(
      JSON.stringify({ ...report, runId }),
      runId,
    );
    return runId;
  })();
}

/**
 * Each metric's value in the latest earlier run that scored the same suite (not merely the
 * previous run overall: a `--fast` run in between must not hide the last uplift figures).
 */
export function previousValues(
  db: Db,
  suite: string,
  beforeRunId: number,
): Map<string, number | null> {
  const rows = db
    .prepare(
      `SELECT metric, value FROM eval_metrics
       WHERE suite = ? AND run_id = (SELECT max(run_id) FROM eval_metrics WHERE suite = ? AND run_id < ?)`,
    )
    .all(suite, suite, beforeRunId) as { metric: string; value: number | null }[];
  return new Map(rows.map((r) => [r.metric, r.value]));
}

/** A metric with `previous` and `change` filled from the previous values (null when new or unmeasurable). */
export function withChange(m: Metric, previous: ReadonlyMap<string, number | null>): Metric {
  if (!previous.has(m.name)) return { ...m, previous: null, change: null };
  const p = previous.get(m.name) ?? null;
  return {
    ...m,
    previous: p,
    change: p === null || !Number.isFinite(m.value) ? null : m.value - p,
  };
}

/** The report with every metric compared against the previous run of its suite. */
export function annotateChanges(db: Db, report: EvalReport, runId: number): EvalReport {
  return {
    ...report,
    suites: report.suites.map((s) => {
      const prev = previousValues(db, s.name, runId);
      return { ...s, metrics: s.metrics.map((m) => withChange(m, prev)) };
    }),
  };
}

/** Thresholded metrics of the given suites over the last `limit` runs that scored them, oldest first. */
export function metricHistory(db: Db, suites: readonly string[], limit = 30): HistoryPoint[] {
  if (!suites.length) return [];
  const rows = db
    .prepare(
      `SELECT m.run_id AS runId, r.started_at AS startedAt, m.suite, m.metric, m.value, m.threshold, m.unit
       FROM eval_metrics m JOIN eval_runs r ON r.id = m.run_id
       WHERE m.suite IN (SELECT value FROM json_each(?)) AND m.threshold IS NOT NULL AND m.value IS NOT NULL
         AND m.run_id IN (SELECT DISTINCT run_id FROM eval_metrics WHERE suite = m.suite ORDER BY run_id DESC LIMIT ?)
       ORDER BY m.run_id`,
    )
    .all(JSON.stringify(suites), limit) as (HistoryPoint & { unit: string | null })[];
  return rows.map(({ unit, ...p }) => (unit ? { ...p, unit } : p));
}
