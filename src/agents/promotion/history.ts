import { prepared, andSet, type Db } from "../../store/index.js";

/** One weekly sales row of one SKU at one location (or one market-wide channel). */
export interface HistoryRow {
  sku: string;
  subcategory: string;
  market: string;
  /** `location_id` for stores, `@channel` for market-wide channels (ecommerce). */
  series: string;
  week: string;
  units: number;
  depth: number;
  feature: boolean;
  display: boolean;
  /** Shelf price paid and regular price (the product's list price when the feed had none). */
  price: number;
  regularPrice: number;
}

/** Weekly sales of a category (optionally one market) up to `through`, oldest first per series. */
export function loadCategoryHistory(
  db: Db,
  category: string,
  through: string,
  market?: string,
): HistoryRow[] {
  const rows = prepared(
    db,
    `SELECT s.sku, ifnull(p.subcategory, '') AS subcategory, s.market_id AS market, ifnull(s.location_id, '@' || s.channel) AS series,
              s.retail_week AS week, s.units, s.price_paid,
              ifnull(s.regular_price, p.regular_price) AS regular_price, s.feature, s.display
         FROM products p CROSS JOIN sales s ON s.sku = p.sku
        WHERE p.category = @category AND s.retail_week <= @through${andSet({ market }, { market: "s.market_id = @market" })}
        ORDER BY s.sku, s.market_id, series, s.retail_week`,
  ).all({ category, through, market }) as {
    sku: string;
    subcategory: string;
    market: string;
    series: string;
    week: string;
    units: number;
    price_paid: number | null;
    regular_price: number | null;
    feature: number;
    display: number;
  }[];
  return rows.map((r) => {
    const raw =
      r.price_paid !== null && r.regular_price
        ? Math.max(0, 1 - r.price_paid / r.regular_price)
        : 0;
    // Rounding of prices in feeds shows up as fake 1 % cuts; below 3 % is no price cut.
    const depth = raw < 0.03 ? 0 : raw;
    const regularPrice = r.regular_price && r.regular_price > 0 ? r.regular_price : 1;
    return {
      sku: r.sku,
      subcategory: r.subcategory,
      market: r.market,
      series: r.series,
      week: r.week,
      units: r.units,
      depth,
      feature: r.feature === 1,
      display: r.display === 1,
      price: regularPrice * (1 - depth),
      regularPrice,
    };
  });
}
