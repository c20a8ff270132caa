import { prepared, type Db } from "../../store/index.js";
import { SCOPE_ENTRIES, FactsMemo } from "../../tools/memo.js";

/** Facts about a SKU's sales in a market the demand agent reads straight from the store. */
export interface MarketSkuFacts {
  sku: string;
  regularPrice: number;
  unitCost: number;
  storeShare: number;
  meanWeekly: number;
}

/** A scope's SKU facts, read once per sales ingest (or catalogue ingest: costs and categories live there). */
const SKU_FACTS = new FactsMemo<MarketSkuFacts[]>(["sales"], SCOPE_ENTRIES);

/** Latest regular price, local unit cost and store share of units per SKU of a category in a market; shared, read-only. */
export function readMarketSkuFacts(
  db: Db,
  category: string,
  market: string,
  through: string,
  weeks = 8,
): MarketSkuFacts[] {
  return SKU_FACTS.get(db, JSON.stringify([category, market, through, weeks]), () =>
    loadMarketSkuFacts(db, category, market, through, weeks),
  );
}

function loadMarketSkuFacts(
  db: Db,
  category: string,
  market: string,
  through: string,
  weeks: number,
): MarketSkuFacts[] {
  const after = new Date(Date.parse(`${through}T00:00:00Z`) - weeks * 7 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const rows = prepared(
    db,
    `SELECT p.sku, p.unit_cost, p.regular_price AS catalogue_price,
              (SELECT s2.regular_price FROM sales s2 WHERE s2.sku = p.sku AND s2.market_id = @market AND s2.retail_week <= @through
                 AND s2.regular_price IS NOT NULL ORDER BY s2.retail_week DESC LIMIT 1) AS local_price,
              sum(CASE WHEN s.location_id IS NOT NULL THEN s.units ELSE 0 END) AS store_units, sum(s.units) AS units
         FROM products p LEFT JOIN sales s ON s.sku = p.sku AND s.market_id = @market AND s.retail_week > @after AND s.retail_week <= @through
        WHERE p.category = @category GROUP BY p.sku ORDER BY p.sku`,
  ).all({ category, market, through, after }) as {
    sku: string;
    unit_cost: number | null;
    catalogue_price: number | null;
    local_price: number | null;
    store_units: number | null;
    units: number | null;
  }[];
  return rows
    .filter((r) => r.local_price !== null && (r.units ?? 0) > 0)
    .map((r) => {
      const regularPrice = r.local_price!;
      // Catalogue costs are in the catalogue's currency; the local shelf price carries the market's price level.
      const costRate =
        r.unit_cost !== null && r.catalogue_price ? r.unit_cost / r.catalogue_price : 0.6;
      return {
        sku: r.sku,
        regularPrice,
        unitCost: regularPrice * costRate,
        storeShare: (r.store_units ?? 0) / (r.units || 1),
        meanWeekly: (r.units ?? 0) / weeks,
      };
    });
}

/** A market's shape, looked up once per sales or catalogue ingest (without an online sale it is a scan of the market). */
const SHAPES = new FactsMemo<{ stores: number; hasWebShop: boolean }>(["sales"], 1024);

/** Number of stores in a market and whether it sells online. */
export function readMarketShape(db: Db, market: string): { stores: number; hasWebShop: boolean } {
  const shape = SHAPES.get(db, market, () => ({
    stores: (
      prepared(
        db,
        "SELECT count(*) AS n FROM locations WHERE market_id = ? AND kind = 'store'",
      ).get(market) as { n: number }
    ).n,
    hasWebShop:
      prepared(db, "SELECT 1 FROM sales WHERE market_id = ? AND channel = 'ecommerce' LIMIT 1").get(
        market,
      ) !== undefined,
  }));
  // A fresh object: callers spread it into their view.
  return { stores: shape.stores, hasWebShop: shape.hasWebShop };
}
