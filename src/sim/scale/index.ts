// A generated market of any size for speed and memory benchmarks: N categories × M markets scopes,
// each with sales history, stock, production and competitor prices, in ingestible chunks.
import { z } from "zod";
import { InputError } from "../../errors.js";
import type { Dataset } from "../../store/index.js";
import { addDays, weekEnds, yearFraction } from "../demo/calendar.js";
import { Rng } from "../demo/rng.js";

export const scaleOptionsSchema = z.object({
  categories: z.number().int().min(1).default(2_500),
  markets: z.number().int().min(1).max(26).default(4),
  skusPerCategory: z.number().int().min(1).default(2),
  weeks: z.number().int().min(30).default(52),
  /** The last week-ending date (a Saturday). */
  lastWeek: z.iso.date().default("2026-11-21"),
  /** Categories per yielded chunk, so a big market never sits in memory whole. */
  chunkCategories: z.number().int().min(1).default(250),
  seed: z.number().int().default(1),
});
export type ScaleOptions = z.input<typeof scaleOptionsSchema>;

const marketId = (m: number) => `M${String.fromCharCode(65 + m)}`;
const categoryId = (c: number) => `cat${String(c).padStart(5, "0")}`;
const skuId = (c: number, k: number) => `S${String(c).padStart(5, "0")}-${k}`;

/** Reference data: markets (each a store, a warehouse; one plant), nothing per category. */
function reference(o: z.output<typeof scaleOptionsSchema>): Dataset {
  const markets = Array.from({ length: o.markets }, (_, m) => ({
    id: marketId(m),
    region: "bench",
    currency: "USD",
    timeZone: "UTC",
    weekEndsOn: "saturday",
  }));
  const locations = markets.flatMap((m) => [
    { id: `${m.id}-S1`, marketId: m.id, kind: "store" },
    { id: `${m.id}-W1`, marketId: m.id, kind: "warehouse" },
  ]);
  locations.push({ id: "PLANT-1", marketId: markets[0]!.id, kind: "plant" });
  return { markets, locations, products: [], skuAliases: [], fxRates: [], feeds: {} };
}

/**
 * Yields the market as datasets to ingest in order: reference data first, then chunks of
 * categories with their products and every feed. Scopes = categories × markets.
 * @example for (const d of generateScaleMarket({ categories: 2_500, markets: 4 })) await ingestDataset(db, d, { origin: "scale" });
 */
export function* generateScaleMarket(options: ScaleOptions = {}): Generator<Dataset> {
  const parsed = scaleOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      "INVALID_INPUT",
      `invalid scale options: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim(),
      { field: issue?.path.join(".") },
    );
  }
  const o = parsed.data;
  yield reference(o);
  const weeks = weekEnds(o.lastWeek, o.weeks);
  for (let first = 0; first < o.categories; first += o.chunkCategories) {
    const products: object[] = [];
    const sales: object[] = [];
    const inventory: object[] = [];
    const production: object[] = [];
    const competitor: object[] = [];
    for (let c = first; c < Math.min(o.categories, first + o.chunkCategories); c++) {
      for (let k = 0; k < o.skusPerCategory; k++) {
        const sku = skuId(c, k);
        const rng = Rng.of(o.seed, "scale", sku);
        const price = Math.round(rng.between(2, 12) * 100) / 100;
        const cost = Math.round(price * rng.between(0.35, 0.6) * 100) / 100;
        products.push({
          sku,
          name: `Bench product ${sku}`,
          category: categoryId(c),
          subcategory: `${categoryId(c)}-a`,
          unitCost: cost,
          regularPrice: price,
          currency: "USD",
        });
        const level = rng.between(20, 200);
        const elasticity = -rng.between(1.5, 3.5);
        let weekly = level;
        for (let m = 0; m < o.markets; m++) {
          const market = marketId(m);
          weeks.forEach((week, w) => {
            const promo = (w + c + k) % 9 === 0;
            const depth = promo ? 0.2 : 0;
            const season = 1 + 0.15 * Math.sin(2 * Math.PI * yearFraction(week));
            weekly =
              level * season * Math.exp(elasticity * Math.log(1 - depth)) * rng.lognormal(0.15);
            const units = Math.max(0, Math.round(weekly));
            const paid = Math.round(price * (1 - depth) * 100) / 100;
            sales.push({
              sku,
              location: `${market}-S1`,
              date: week,
              granularity: "week",
              units,
              revenue: Math.round(units * paid * 100) / 100,
              pricePaid: paid,
              regularPrice: price,
              tpr: promo ? 1 : 0,
              feature: 0,
              display: 0,
            });
          });
          // Stock: most SKUs near target cover, one in five heavily overstocked.
          const cover = (c + k) % 5 === 0 ? rng.between(10, 16) : rng.between(2, 5);
          for (const week of weeks.slice(-2)) {
            inventory.push({
              sku,
              location: `${market}-S1`,
              asOf: week,
              onHand: Math.round(level * cover),
              onOrder: 0,
              inTransit: 0,
            });
            inventory.push({
              sku,
              location: `${market}-W1`,
              asOf: week,
              onHand: Math.round(level * 2),
              onOrder: 0,
              inTransit: 0,
            });
          }
          if ((c + k + m) % 10 === 0) {
            competitor.push({
              competitor: "rival",
              competitorProduct: `R-${sku}-${market}`,
              sku,
              market,
              price: Math.round(price * 0.8 * 100) / 100,
              currency: "USD",
              observedAt: addDays(o.lastWeek, -2),
              promoText: "20 % off this week",
            });
          }
        }
        for (let w = 1; w <= 8; w++) {
          production.push({
            plant: "PLANT-1",
            sku,
            date: addDays(o.lastWeek, 7 * w),
            plannedUnits: Math.round(level * o.markets),
            capacityUnits: Math.round(level * o.markets * 1.5),
          });
        }
      }
    }
    yield {
      markets: [],
      locations: [],
      products,
      skuAliases: [],
      fxRates: [],
      feeds: {
        sales: [{ source: "bench-pos", rows: sales }],
        inventory: [{ source: "bench-erp", rows: inventory }],
        production: [{ source: "bench-mes", rows: production }],
        competitor_price: [{ source: "bench-scan", rows: competitor }],
      },
    };
  }
}
