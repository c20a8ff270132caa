/**
 * Channel delivery: the campaign lifecycle log, the transactional outbox, what each channel now
 * carries, and the kill switch. Campaigns are referenced by id only (no foreign key), so delivery
 * works whether or not the graph's `campaigns` table holds the row.
 */
export const channels = `
CREATE TABLE campaign_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  from_status TEXT CHECK (from_status IN ('scheduled', 'live', 'paused', 'ended', 'stopped')),
  to_status TEXT NOT NULL CHECK (to_status IN ('scheduled', 'live', 'paused', 'ended', 'stopped')),
  at TEXT NOT NULL,
  by TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX campaign_events_campaign ON campaign_events(campaign_id, id);
CREATE TRIGGER campaign_events_no_update BEFORE UPDATE ON campaign_events
  BEGIN SELECT RAISE(ABORT, 'campaign_events is append-only'); END;
CREATE TRIGGER campaign_events_no_delete BEFORE DELETE ON campaign_events
  BEGIN SELECT RAISE(ABORT, 'campaign_events is append-only'); END;

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_id TEXT NOT NULL,
  campaign_version INTEGER NOT NULL,
  batch TEXT NOT NULL,
  channel TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('launch', 'retract')),
  idempotency_key TEXT NOT NULL UNIQUE,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'rolled_back')),
  autonomous INTEGER NOT NULL CHECK (autonomous IN (0, 1)),
  requested_by TEXT NOT NULL,
  reason TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  receipt TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at, id);
CREATE INDEX outbox_campaign ON outbox(campaign_id, batch);

CREATE TABLE channel_deliveries (
  campaign_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  sku TEXT NOT NULL,
  market_id TEXT NOT NULL,
  price REAL NOT NULL,
  regular_price REAL NOT NULL,
  offer TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  outbox_id INTEGER NOT NULL REFERENCES outbox(id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (campaign_id, channel, sku, market_id)
);
CREATE INDEX channel_deliveries_sku ON channel_deliveries(sku, market_id, start_date);

CREATE TABLE kill_switch_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  is_on INTEGER NOT NULL CHECK (is_on IN (0, 1)),
  by TEXT NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL
);
`;
