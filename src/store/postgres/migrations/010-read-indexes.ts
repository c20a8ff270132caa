/** Indexes for the agents' per-scope reads (SQLite 010). */
export const readIndexes = `
CREATE INDEX sales_series ON sales(sku, market_id, retail_week);
CREATE INDEX sales_market_week ON sales(market_id, retail_week);
CREATE INDEX sales_market_flags ON sales(market_id, feature, display, tpr);
CREATE INDEX inventory_sku_location_week ON inventory(sku, location_id, retail_week, as_of);
CREATE INDEX ingests_kind ON ingests(kind, id);
CREATE INDEX consumer_signals_category ON consumer_signals(category, retail_week);
CREATE INDEX consumer_signals_sku ON consumer_signals(sku, retail_week);
`;
