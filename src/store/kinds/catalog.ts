import {
  fxRateSchema,
  locationSchema,
  marketSchema,
  productSchema,
  skuAliasSchema,
  type FxRate,
  type Location,
  type Market,
  type Product,
  type SkuAlias,
} from "../../domain/index.js";
import { RowRejection } from "../harmonise/rejection.js";
import type { KindSpec } from "./spec.js";

/** Reference data is stored as given (after validation); a changed row replaces the old, which goes to history. */
export const productKind: KindSpec<Product> = {
  kind: "product",
  rowSchema: productSchema,
  table: {
    table: "products",
    key: ["sku"],
    columns: [
      "sku",
      "name",
      "category",
      "subcategory",
      "brand",
      "manufacturer",
      "pack_size",
      "case_pack",
      "unit_cost",
      "regular_price",
      "currency",
    ],
    fact: false,
  },
  harmonise: (p) => ({
    sku: p.sku,
    name: p.name,
    category: p.category,
    subcategory: p.subcategory ?? null,
    brand: p.brand ?? null,
    manufacturer: p.manufacturer ?? null,
    pack_size: p.packSize ?? null,
    case_pack: p.casePack,
    unit_cost: p.unitCost ?? null,
    regular_price: p.regularPrice ?? null,
    currency: p.currency,
  }),
};

export const marketKind: KindSpec<Market> = {
  kind: "market",
  rowSchema: marketSchema,
  table: {
    table: "markets",
    key: ["id"],
    columns: ["id", "name", "region", "currency", "time_zone", "week_ends_on"],
    fact: false,
  },
  harmonise: (m) => ({
    id: m.id,
    name: m.name ?? null,
    region: m.region,
    currency: m.currency,
    time_zone: m.timeZone,
    week_ends_on: m.weekEndsOn,
  }),
};

export const locationKind: KindSpec<Location> = {
  kind: "location",
  rowSchema: locationSchema,
  table: {
    table: "locations",
    key: ["id"],
    columns: ["id", "name", "market_id", "kind", "segment", "sales_area_sqft"],
    fact: false,
  },
  harmonise: (l, h) => {
    h.market(l.marketId, "market_id");
    return {
      id: l.id,
      name: l.name ?? null,
      market_id: l.marketId,
      kind: l.kind,
      segment: l.segment ?? null,
      sales_area_sqft: l.salesAreaSqft ?? null,
    };
  },
};

export const skuAliasKind: KindSpec<SkuAlias> = {
  kind: "sku_alias",
  rowSchema: skuAliasSchema,
  table: {
    table: "sku_aliases",
    key: ["source", "code"],
    columns: ["source", "code", "sku", "units_per_code"],
    fact: false,
  },
  harmonise: (a, h) => {
    if (!h.hasProduct(a.sku))
      throw new RowRejection("sku", `unknown SKU '${a.sku}' (load products first)`);
    return { source: a.source, code: a.code, sku: a.sku, units_per_code: a.unitsPerCode };
  },
};

export const fxRateKind: KindSpec<FxRate> = {
  kind: "fx_rate",
  rowSchema: fxRateSchema,
  table: {
    table: "fx_rates",
    key: ["from_ccy", "to_ccy", "date"],
    columns: ["date", "from_ccy", "to_ccy", "rate"],
    fact: false,
  },
  harmonise: (r) => ({ date: r.date, from_ccy: r.from, to_ccy: r.to, rate: r.rate }),
};
