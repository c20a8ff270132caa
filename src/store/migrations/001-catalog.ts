/** Reference data: markets, locations, products, SKU aliases, FX rates. */
export const catalog = `
CREATE TABLE markets (
  id TEXT PRIMARY KEY,
  name TEXT,
  region TEXT NOT NULL,
  currency TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  week_ends_on TEXT NOT NULL
);
CREATE TABLE locations (
  id TEXT PRIMARY KEY,
  name TEXT,
  market_id TEXT NOT NULL REFERENCES markets(id),
  kind TEXT NOT NULL,
  segment TEXT,
  sales_area_sqft REAL
);
CREATE TABLE products (
  sku TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  subcategory TEXT,
  brand TEXT,
  manufacturer TEXT,
  pack_size TEXT,
  case_pack INTEGER NOT NULL DEFAULT 1,
  unit_cost REAL,
  regular_price REAL,
  currency TEXT NOT NULL
);
CREATE INDEX products_category ON products(category, subcategory);
CREATE TABLE sku_aliases (
  source TEXT NOT NULL,
  code TEXT NOT NULL,
  sku TEXT NOT NULL REFERENCES products(sku),
  units_per_code REAL NOT NULL DEFAULT 1,
  PRIMARY KEY (source, code)
);
CREATE TABLE fx_rates (
  date TEXT NOT NULL,
  from_ccy TEXT NOT NULL,
  to_ccy TEXT NOT NULL,
  rate REAL NOT NULL,
  PRIMARY KEY (from_ccy, to_ccy, date)
);
`;
