/** Reference data: markets, locations, products, SKU aliases, FX rates (SQLite 001). */
export const catalog = `
CREATE TABLE markets (
  id text PRIMARY KEY,
  name text,
  region text NOT NULL,
  currency text NOT NULL,
  time_zone text NOT NULL,
  week_ends_on text NOT NULL
);
CREATE TABLE locations (
  id text PRIMARY KEY,
  name text,
  market_id text NOT NULL REFERENCES markets(id),
  kind text NOT NULL,
  segment text,
  sales_area_sqft double precision
);
CREATE TABLE products (
  sku text PRIMARY KEY,
  name text NOT NULL,
  category text NOT NULL,
  subcategory text,
  brand text,
  manufacturer text,
  pack_size text,
  case_pack bigint NOT NULL DEFAULT 1,
  unit_cost double precision,
  regular_price double precision,
  currency text NOT NULL
);
CREATE INDEX products_category ON products(category, subcategory);
CREATE TABLE sku_aliases (
  source text NOT NULL,
  code text NOT NULL,
  sku text NOT NULL REFERENCES products(sku),
  units_per_code double precision NOT NULL DEFAULT 1,
  PRIMARY KEY (source, code)
);
CREATE TABLE fx_rates (
  date text NOT NULL,
  from_ccy text NOT NULL,
  to_ccy text NOT NULL,
  rate double precision NOT NULL,
  PRIMARY KEY (from_ccy, to_ccy, date)
);
`;
