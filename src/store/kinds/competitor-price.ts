import { competitorPriceFeedRowSchema, type CompetitorPriceFeedRow } from "../../domain/index.js";
import { normaliseTime, retailWeekOf } from "../harmonise/time.js";
import type { KindSpec } from "./spec.js";
import { round } from "./sales.js";

/** Competitor prices: mapped to our SKU, converted to the market currency. */
export const competitorPriceKind: KindSpec<CompetitorPriceFeedRow> = {
  kind: "competitor_price",
  rowSchema: competitorPriceFeedRowSchema,
  table: {
    table: "competitor_prices",
    key: ["competitor", "competitor_product", "market_id", "observed_at"],
    columns: [
      "source",
      "source_event_id",
      "competitor",
      "competitor_product",
      "sku",
      "market_id",
      "price",
      "promo_text",
      "observed_at",
      "retail_week",
    ],
    observedAt: "observed_at",
    fact: true,
  },
  harmonise(row, h, source) {
    const { sku, unitsPerCode } =
      row.sku !== undefined
        ? h.resolveSku(source, row.sku)
        : h.resolveSku(row.competitor, row.competitorProduct, "competitor_product");
    const market = h.market(row.market);
    const t = normaliseTime(row.observedAt, row.timeZone ?? market.timeZone, "observed_at");
    const price = h.convert(
      row.price / unitsPerCode,
      row.currency ?? market.currency,
      market.currency,
      t.localDate,
    );
    return {
      source,
      source_event_id: row.sourceEventId ?? null,
      competitor: row.competitor,
      competitor_product: row.competitorProduct,
      sku,
      market_id: market.id,
      price: round(price),
      promo_text: row.promoText ?? null,
      observed_at: t.utc,
      retail_week: retailWeekOf(t.localDate, market.weekEndsOn),
    };
  },
};
