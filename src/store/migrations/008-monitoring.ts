/**
 * One campaign vocabulary, edits, monitoring and the accuracy record.
 *
 * - `campaigns` loses its own status column (004 said `finished` where the lifecycle says
 *   `ended`/`paused`): the append-only `campaign_events` log is the only status, and the
 *   `campaign_status` view reads its latest row. Old rows keep their status as a first event.
 *   The row gains the spec `version` in force (bumped by an applied edit).
 * - `campaign_edits`: every edit asked for, with who, why, the re-check verdict and the outcome.
 * - `monitoring_events`: what the monitor saw and did (weekly checks, stop-loss, end, settlement).
 * - `campaign_outcomes`: settled campaigns, forecast against measured, one row per method.
 */
export const monitoring = `
CREATE TABLE campaigns_v8 (
  id TEXT PRIMARY KEY,
  decision_id TEXT NOT NULL UNIQUE REFERENCES decisions(id),
  proposal TEXT NOT NULL,
  category TEXT NOT NULL,
  markets TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  approval_request_id TEXT,
  policy_version TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
INSERT INTO campaigns_v8 (id, decision_id, proposal, category, markets, start_date, end_date, version, approval_request_id, policy_version, created_at, updated_at)
  SELECT id, decision_id, proposal, category, markets, start_date, end_date, 1, approval_request_id, policy_version, created_at, created_at FROM campaigns;
INSERT INTO campaign_events (campaign_id, version, from_status, to_status, at, by, reason)
  SELECT id, 1, NULL, CASE status WHEN 'finished' THEN 'ended' ELSE status END, created_at, 'migration 008', 'status carried over from the campaigns table'
  FROM campaigns WHERE id NOT IN (SELECT campaign_id FROM campaign_events) ORDER BY created_at, id;
DROP TABLE campaigns;
ALTER TABLE campaigns_v8 RENAME TO campaigns;
CREATE INDEX campaigns_dates ON campaigns(start_date, end_date);

CREATE VIEW campaign_status AS
  SELECT e.campaign_id, e.to_status AS status, e.version, e.at, e.by, e.reason, e.id AS event_id
  FROM campaign_events e
  WHERE e.id = (SELECT max(id) FROM campaign_events x WHERE x.campaign_id = e.campaign_id);

CREATE TABLE campaign_edits (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_id TEXT NOT NULL,
  from_version INTEGER NOT NULL,
  to_version INTEGER NOT NULL,
  changes TEXT NOT NULL,
  proposal TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('applied', 'awaiting_approval', 'refused', 'rejected', 'superseded')),
  verdict TEXT NOT NULL CHECK (verdict IN ('allow', 'escalate', 'block')),
  reasons TEXT NOT NULL,
  approval_request_id TEXT,
  by TEXT NOT NULL,
  reason TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  resolved_at TEXT
);
CREATE INDEX campaign_edits_campaign ON campaign_edits(campaign_id, id);
CREATE INDEX campaign_edits_pending ON campaign_edits(status, approval_request_id);

CREATE TABLE monitoring_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('check', 'stop_loss', 'ended', 'settled')),
  weeks_observed INTEGER NOT NULL,
  detail TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE UNIQUE INDEX monitoring_events_once ON monitoring_events(campaign_id, kind, weeks_observed);

CREATE TABLE campaign_outcomes (
  campaign_id TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('holdout', 'baseline')),
  promotion_type TEXT NOT NULL,
  market TEXT NOT NULL,
  category TEXT NOT NULL,
  settled_at TEXT NOT NULL,
  forecast_units REAL NOT NULL,
  actual_units REAL NOT NULL,
  forecast_incremental_units REAL,
  measured_incremental_units REAL,
  forecast_incremental_margin REAL NOT NULL,
  measured_incremental_margin REAL NOT NULL,
  measured_low REAL,
  measured_high REAL,
  forecast_low REAL,
  forecast_high REAL,
  PRIMARY KEY (campaign_id, method)
);
CREATE INDEX campaign_outcomes_group ON campaign_outcomes(promotion_type, market, category);
`;
