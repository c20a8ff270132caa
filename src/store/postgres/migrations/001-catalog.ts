/** Reference data: markets, locations, products, SKU aliases, FX rates (SQLite 001). */
export const catalog = `
CREATE TABLE markets (
  id text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C",
  region text COLLATE "C" NOT NULL,
  currency text COLLATE "C" NOT NULL,
  time_zone text COLLATE "C" NOT NULL,
  week_ends_on text COLLATE "C" NOT NULL
);
CREATE TABLE locations (
  id text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C",
  market_id text COLLATE "C" NOT NULL REFERENCES markets(id),
  kind text COLLATE "C" NOT NULL,
  segment text COLLATE "C",
  sales_area_sqft double precision
);
CREATE TABLE products (
  sku text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  category text COLLATE "C" NOT NULL,
  subcategory text COLLATE "C",
  brand text COLLATE "C",
  manufacturer text COLLATE "C",
  pack_size text COLLATE "C",
  case_pack bigint NOT NULL DEFAULT 1,
  unit_cost double precision,
  regular_price double precision,
  currency text COLLATE "C" NOT NULL
);
CREATE INDEX products_category ON products(category, subcategory);
CREATE TABLE sku_aliases (
  source text COLLATE "C" NOT NULL,
  code text COLLATE "C" NOT NULL,
  sku text COLLATE "C" NOT NULL REFERENCES products(sku),
  units_per_code double precision NOT NULL DEFAULT 1,
  PRIMARY KEY (source, code)
);
CREATE TABLE fx_rates (
  date text COLLATE "C" NOT NULL,
  from_ccy text COLLATE "C" NOT NULL,
  to_ccy text COLLATE "C" NOT NULL,
  rate double precision NOT NULL,
  PRIMARY KEY (from_ccy, to_ccy, date)
);
`;
