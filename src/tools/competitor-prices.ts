import { z } from "zod";
import { prepared, andSet, type Db } from "../store/index.js";
import { idSchema, isoDateSchema } from "../domain/common.js";
import { asOfDate, defineTool, shiftDate } from "./define.js";
import { SCOPE_ENTRIES, FactsMemo } from "./memo.js";

export const competitorPricesInputSchema = z.object({
  sku: idSchema.optional(),
  market: idSchema.optional(),
  category: z.string().min(1).optional(),
  days: z
    .number()
    .int()
    .min(1)
    .max(365)
    .default(14)
    .describe("only observations from the last N days"),
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

export const competitorPricesOutputSchema = z.object({
  asOf: isoDateSchema,
  observations: z.array(competitorObservationSchema),
});

/** Optional narrowing of the reads below; unset filters cost nothing. */
export interface PriceFilter {
  sku?: string | undefined;
  market?: string | undefined;
  category?: string | undefined;
}

/** Regular prices per filter, kept until the next sales ingest: a competitor price arriving does not move them. */
const REGULAR_PRICES = new FactsMemo<ReadonlyMap<string, number>>(["sales"], SCOPE_ENTRIES);
/** Latest competitor observations per query, kept until the next competitor price or sales ingest. */
const OBSERVATIONS = new FactsMemo<CompetitorObservation[]>(
  ["competitor_price", "sales"],
  SCOPE_ENTRIES,
);

/** Our regular price per `${sku}|${market}` from the latest of the last 8 sales weeks; shared, read-only. */
export function readRegularPrices(
  db: Db,
  asOf: string,
  f: PriceFilter = {},
): ReadonlyMap<string, number> {
  return REGULAR_PRICES.get(db, JSON.stringify([asOf, f.sku, f.market, f.category]), () =>
    loadRegularPrices(db, asOf, f),
  );
}

function loadRegularPrices(db: Db, asOf: string, f: PriceFilter): Map<string, number> {
  const rows = prepared(
    db,
    `SELECT s.sku, s.market_id AS market, s.retail_week AS week, max(s.regular_price) AS price
         -- products, then markets, then one sales_series range seek per SKU × market (week bounded)
         FROM products p CROSS JOIN markets m CROSS JOIN sales s ON s.sku = p.sku AND s.market_id = m.id
        WHERE s.retail_week > @after AND s.retail_week <= @asOf AND s.regular_price IS NOT NULL
              ${andSet(f, { sku: "p.sku = @sku", market: "m.id = @market", category: "p.category = @category" })}
        GROUP BY s.sku, s.market_id, s.retail_week ORDER BY s.retail_week`,
  ).all({ after: shiftDate(asOf, -56), asOf, ...f }) as {
    sku: string;
    market: string;
    price: number;
  }[];
  return new Map(rows.map((r) => [`${r.sku}|${r.market}`, r.price]));
}

/** The latest observation per competitor product × market within `days` of `asOf`, with our price beside it; shared, read-only. */
export function readCompetitorPrices(
  db: Db,
  asOf: string,
  q: z.output<typeof competitorPricesInputSchema>,
): CompetitorObservation[] {
  return OBSERVATIONS.get(db, JSON.stringify([asOf, q.sku, q.market, q.category, q.days]), () =>
    loadCompetitorPrices(db, asOf, q),
  );
}

function loadCompetitorPrices(
  db: Db,
  asOf: string,
  q: z.output<typeof competitorPricesInputSchema>,
): CompetitorObservation[] {
  const filter: PriceFilter = { sku: q.sku, market: q.market, category: q.category };
  // SQLite takes the bare columns of a max() aggregate from the row holding the max: the latest observation.
  const rows = prepared(
    db,
    `SELECT c.competitor, c.competitor_product, c.sku, c.market_id AS market, c.price, c.promo_text, max(c.observed_at) AS observed_at
         FROM products p CROSS JOIN markets m CROSS JOIN competitor_prices c ON c.sku = p.sku AND c.market_id = m.id
        -- observed_at lies in its retail week (give a day for zones): the bound lets competitor_prices_sku seek
        WHERE c.observed_at > @observedAfter AND c.retail_week <= @asOf AND c.retail_week > @after
              ${andSet(filter, { sku: "p.sku = @sku", market: "m.id = @market", category: "p.category = @category" })}
        GROUP BY c.competitor, c.competitor_product, c.market_id
        ORDER BY c.market_id, c.sku, c.competitor`,
  ).all({
    asOf,
    after: shiftDate(asOf, -q.days),
    observedAfter: shiftDate(asOf, -q.days - 8),
    ...filter,
  }) as {
    competitor: string;
    competitor_product: string;
    sku: string;
    market: string;
    price: number;
    promo_text: string | null;
    observed_at: string;
  }[];
  const ours = readRegularPrices(db, asOf, filter);
  return rows.map((r) => {
    const our = ours.get(`${r.sku}|${r.market}`) ?? null;
    return {
      competitor: r.competitor,
      competitorProduct: r.competitor_product,
      sku: r.sku,
      market: r.market,
      price: r.price,
      promoText: r.promo_text,
      observedAt: r.observed_at,
      ourRegularPrice: our,
      gap: our ? 1 - r.price / our : null,
    };
  });
}

/** Latest competitor prices for a SKU, category or market, each with our regular price and the gap. */
export const competitorPrices = defineTool({
  name: "competitorPrices",
  description:
    "Latest competitor shelf prices (last N days) for a SKU, category or market, with our regular price and the gap (0.2 = competitor 20 % cheaper).",
  input: competitorPricesInputSchema,
  output: competitorPricesOutputSchema,
  run({ db, clock }, input) {
    const asOf = asOfDate(clock);
    return { asOf, observations: readCompetitorPrices(db, asOf, input) };
  },
});
