/**
 * Shadow mode: the planners' calendar (a feed) and, for each shadow decision, the plan the system
 * would have run in the same scope and weeks, with its forecast, set beside the planners' later.
 */
export const shadow = `
CREATE TABLE planned_promotions (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  source_event_id TEXT,
  sku TEXT NOT NULL,
  market_id TEXT NOT NULL,
  mechanic TEXT NOT NULL,
  discount_pct REAL NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  weeks INTEGER NOT NULL,
  channels TEXT NOT NULL,
  planner TEXT,
  content_hash TEXT NOT NULL,
  ingest_id INTEGER NOT NULL
);
CREATE UNIQUE INDEX planned_promotions_key ON planned_promotions(sku, market_id, start_date);
CREATE UNIQUE INDEX planned_promotions_event ON planned_promotions(source, source_event_id)
  WHERE source_event_id IS NOT NULL;
CREATE INDEX planned_promotions_window ON planned_promotions(market_id, start_date, end_date);

CREATE TABLE shadow_plans (
  decision_id TEXT PRIMARY KEY,
  category TEXT NOT NULL,
  market_id TEXT NOT NULL,
  window_start TEXT NOT NULL,
  window_end TEXT NOT NULL,
  skus TEXT NOT NULL,
  mechanic TEXT,
  discount_pct REAL,
  channels TEXT,
  verdict TEXT,
  forecast_margin REAL NOT NULL,
  forecast_low REAL NOT NULL,
  forecast_high REAL NOT NULL,
  currency TEXT,
  reason TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX shadow_plans_scope ON shadow_plans(category, market_id, window_start);
`;
