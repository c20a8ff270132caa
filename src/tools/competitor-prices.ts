import { z } from "zod";
import type { Db } from "../store/index.js";
import { idSchema, isoDateSchema } from "../domain/common.js";
import { asOfDate, defineTool, shiftDate } from "./define.js";

export const competitorPricesInputSchema = z.object({
  sku: idSchema.optional(),
  market: idSchema.optional(),
  category: z.string().min(1).optional(),
  days: z.number().int().min(1).max(365).default(14).describe("only observations from the last N days"),
});

export const competitorObservationSchema = z.object({
  competitor: z.string(),
  competitorProduct: z.string(),
  sku: idSchema,
  market: idSchema,
  price: z.number().positive(),
  promoText: z.string().nullable(),
  observedAt: z.string(),
  /** Our regular shelf price in the latest sales week; null when we have not sold it lately. */
  ourRegularPrice: z.number().positive().nullable(),
  /** 1 − price / our regular price: 0.2 means the competitor is 20 % cheaper. */
  gap: z.number().nullable(),
});
export type CompetitorObservation = z.infer<typeof competitorObservationSchema>;

export const competitorPricesOutputSchema = z.object({ asOf: isoDateSchema, observations: z.array(competitorObservationSchema) });

/** Our regular price per `${sku}|${market}` from the latest of the last 8 sales weeks. */
export function readRegularPrices(db: Db, asOf: string): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT sku, market_id AS market, retail_week AS week, max(regular_price) AS price FROM sales
        WHERE retail_week > ? AND retail_week <= ? AND regular_price IS NOT NULL GROUP BY sku, market_id, retail_week ORDER BY retail_week`,
    )
    .all(shiftDate(asOf, -56), asOf) as { sku: string; market: string; price: number }[];
  return new Map(rows.map((r) => [`${r.sku}|${r.market}`, r.price]));
}

/** The latest observation per competitor product × market within `days` of `asOf`, with our price beside it. */
export function readCompetitorPrices(db: Db, asOf: string, q: z.output<typeof competitorPricesInputSchema>): CompetitorObservation[] {
  const rows = db
    .prepare(
      `SELECT c.competitor, c.competitor_product, c.sku, c.market_id AS market, c.price, c.promo_text, c.observed_at
         FROM competitor_prices c JOIN products p ON p.sku = c.sku
         JOIN (SELECT competitor, competitor_product, market_id, max(observed_at) AS m FROM competitor_prices
                WHERE retail_week <= @asOf AND retail_week > @after GROUP BY competitor, competitor_product, market_id) last
           ON last.competitor = c.competitor AND last.competitor_product = c.competitor_product AND last.market_id = c.market_id AND last.m = c.observed_at
        WHERE (@sku IS NULL OR c.sku = @sku) AND (@market IS NULL OR c.market_id = @market) AND (@category IS NULL OR p.category = @category)
        ORDER BY c.market_id, c.sku, c.competitor`,
    )
    .all({ asOf, after: shiftDate(asOf, -q.days), sku: q.sku ?? null, market: q.market ?? null, category: q.category ?? null }) as {
    competitor: string; competitor_product: string; sku: string; market: string; price: number; promo_text: string | null; observed_at: string;
  }[];
  const ours = readRegularPrices(db, asOf);
  return rows.map((r) => {
    const our = ours.get(`${r.sku}|${r.market}`) ?? null;
    return { competitor: r.competitor, competitorProduct: r.competitor_product, sku: r.sku, market: r.market, price: r.price, promoText: r.promo_text, observedAt: r.observed_at, ourRegularPrice: our, gap: our ? 1 - r.price / our : null };
  });
}

/** Latest competitor prices for a SKU, category or market, each with our regular price and the gap. */
export const competitorPrices = defineTool({
  name: "competitorPrices",
  description: "Latest competitor shelf prices (last N days) for a SKU, category or market, with our regular price and the gap (0.2 = competitor 20 % cheaper).",
  input: competitorPricesInputSchema,
  output: competitorPricesOutputSchema,
  run({ db, clock }, input) {
    const asOf = asOfDate(clock);
    return { asOf, observations: readCompetitorPrices(db, asOf, input) };
  },
});
