/**
 * Eval history: one row per `autopromo evals` run (its whole JSON report) and one per scored
 * metric, so a run can be compared with the previous run of the same suite.
 */
export const evals = `
CREATE TABLE eval_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  git_sha TEXT,
  suites TEXT NOT NULL,
  report TEXT NOT NULL
);

CREATE TABLE eval_metrics (
  run_id INTEGER NOT NULL REFERENCES eval_runs(id),
  suite TEXT NOT NULL,
  metric TEXT NOT NULL,
  value REAL,
  threshold REAL,
  direction TEXT NOT NULL CHECK (direction IN ('min', 'max')),
  unit TEXT,
  pass INTEGER NOT NULL CHECK (pass IN (0, 1)),
  PRIMARY KEY (run_id, suite, metric)
);
CREATE INDEX eval_metrics_suite ON eval_metrics(suite, metric, run_id);
`;
