/**
 * The harmonised fact store, one table per signal kind. Each has a natural key (a UNIQUE index;
 * nullable key parts are folded with ifnull so NULLs cannot slip past it) and an optional
 * (source, source_event_id) key. Money is in the market's currency, time in UTC.
 */
export const signals = `
CREATE TABLE ingests (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  file TEXT NOT NULL,
  file_sha256 TEXT,
  source TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  rows_read INTEGER NOT NULL DEFAULT 0,
  stored_new INTEGER NOT NULL DEFAULT 0,
  corrected INTEGER NOT NULL DEFAULT 0,
  duplicates INTEGER NOT NULL DEFAULT 0,
  quarantined INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY,
  ingest_id INTEGER NOT NULL REFERENCES ingests(id),
  kind TEXT NOT NULL,
  file TEXT NOT NULL,
  file_sha256 TEXT,
  line INTEGER NOT NULL,
  field TEXT,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL,
  quarantined_at TEXT NOT NULL
);
CREATE UNIQUE INDEX quarantine_once ON quarantine(kind, ifnull(file_sha256, file), line);

CREATE TABLE fact_history (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  fact_id INTEGER NOT NULL,
  old_values TEXT NOT NULL,
  replaced_at TEXT NOT NULL,
  replaced_by_ingest INTEGER NOT NULL
);
CREATE INDEX fact_history_fact ON fact_history(kind, fact_id);

CREATE TABLE sales (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  source_event_id TEXT,
  sku TEXT NOT NULL,
  market_id TEXT NOT NULL,
  location_id TEXT,
  channel TEXT NOT NULL,
  granularity TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  retail_week TEXT NOT NULL,
  units REAL NOT NULL,
  revenue REAL NOT NULL,
  price_paid REAL,
  regular_price REAL,
  feature INTEGER NOT NULL,
  display INTEGER NOT NULL,
  tpr INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  ingest_id INTEGER NOT NULL
);
CREATE UNIQUE INDEX sales_key ON sales(sku, market_id, ifnull(location_id, ''), channel, granularity, period_start);
CREATE UNIQUE INDEX sales_event ON sales(source, source_event_id) WHERE source_event_id IS NOT NULL;
CREATE INDEX sales_week ON sales(retail_week, sku);

CREATE TABLE inventory (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  source_event_id TEXT,
  sku TEXT NOT NULL,
  location_id TEXT NOT NULL,
  market_id TEXT NOT NULL,
  as_of TEXT NOT NULL,
  retail_week TEXT NOT NULL,
  on_hand REAL NOT NULL,
  on_order REAL NOT NULL,
  in_transit REAL NOT NULL,
  content_hash TEXT NOT NULL,
  ingest_id INTEGER NOT NULL
);
CREATE UNIQUE INDEX inventory_key ON inventory(sku, location_id, as_of);
CREATE UNIQUE INDEX inventory_event ON inventory(source, source_event_id) WHERE source_event_id IS NOT NULL;
CREATE INDEX inventory_market ON inventory(market_id, sku, as_of);

CREATE TABLE production (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  source_event_id TEXT,
  plant TEXT NOT NULL,
  sku TEXT NOT NULL,
  date TEXT NOT NULL,
  planned_units REAL NOT NULL,
  capacity_units REAL NOT NULL,
  content_hash TEXT NOT NULL,
  ingest_id INTEGER NOT NULL
);
CREATE UNIQUE INDEX production_key ON production(plant, sku, date);
CREATE UNIQUE INDEX production_event ON production(source, source_event_id) WHERE source_event_id IS NOT NULL;
CREATE INDEX production_sku ON production(sku, date);

CREATE TABLE competitor_prices (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  source_event_id TEXT,
  competitor TEXT NOT NULL,
  competitor_product TEXT NOT NULL,
  sku TEXT NOT NULL,
  market_id TEXT NOT NULL,
  price REAL NOT NULL,
  promo_text TEXT,
  observed_at TEXT NOT NULL,
  retail_week TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  ingest_id INTEGER NOT NULL
);
CREATE UNIQUE INDEX competitor_prices_key ON competitor_prices(competitor, competitor_product, market_id, observed_at);
CREATE UNIQUE INDEX competitor_prices_event ON competitor_prices(source, source_event_id) WHERE source_event_id IS NOT NULL;
CREATE INDEX competitor_prices_sku ON competitor_prices(sku, market_id, observed_at);

CREATE TABLE consumer_signals (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  source_event_id TEXT,
  sku TEXT,
  category TEXT,
  market_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  value REAL NOT NULL,
  text TEXT,
  observed_at TEXT NOT NULL,
  retail_week TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  ingest_id INTEGER NOT NULL
);
CREATE UNIQUE INDEX consumer_signals_key ON consumer_signals(source, kind, ifnull(sku, ''), ifnull(category, ''), market_id, observed_at);
CREATE UNIQUE INDEX consumer_signals_event ON consumer_signals(source, source_event_id) WHERE source_event_id IS NOT NULL;
CREATE INDEX consumer_signals_market ON consumer_signals(market_id, kind, observed_at);
`;
