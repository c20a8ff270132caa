import { z } from "zod";
import { prepared, andSet, type Db } from "../store/index.js";
import { idSchema, isoDateSchema } from "../domain/common.js";
import { asOfDate, defineTool, shiftDate } from "./define.js";
import { SCOPE_ENTRIES, FactsMemo } from "./memo.js";

export const inventoryPositionInputSchema = z.object({
  market: idSchema.optional(),
  location: idSchema.optional().describe("one store or warehouse"),
  sku: idSchema.optional(),
  category: z.string().min(1).optional(),
  level: z
    .enum(["location", "market"])
    .default("location")
    .describe("per SKU × location, or summed per SKU × market"),
  salesWeeks: z
    .number()
    .int()
    .min(1)
    .max(52)
    .default(8)
    .describe("recent weeks whose non-promoted sales define cover"),
});

export const stockPositionSchema = z.object({
  sku: idSchema,
  category: z.string(),
  market: idSchema,
  /** Null when summed over the market. */
  location: idSchema.nullable(),
  locationKind: z.string().nullable(),
  /** Latest count date (the market's retail week) used. */
  week: isoDateSchema,
  onHand: z.number().nonnegative(),
  onOrder: z.number().nonnegative(),
  inTransit: z.number().nonnegative(),
  /** Mean weekly units over the recent non-promoted weeks (the market's, for a warehouse). */
  weeklySales: z.number().nonnegative(),
  /** On hand over weekly sales; null when nothing sold. */
  weeksOfCover: z.number().nonnegative().nullable(),
  /**
   * A store's weekly units' coefficient of variation over the same weeks (stores with 3 or more
   * of them only): how far one store's week strays from its mean, which a market total hides.
   */
  weeklySalesCv: z.number().nonnegative().optional(),
});
export type StockPosition = z.infer<typeof stockPositionSchema>;

export const inventoryPositionOutputSchema = z.object({
  asOf: isoDateSchema,
  positions: z.array(stockPositionSchema),
});

type Query = z.output<typeof inventoryPositionInputSchema>;
interface StockRow {
  sku: string;
  category: string;
  market: string;
  location: string;
  kind: string;
  week: string;
  on_hand: number;
  on_order: number;
  in_transit: number;
}
interface SoldRow {
  sku: string;
  market: string;
  location: string;
  week: string;
  units: number;
  promo: number;
}

/** The non-promoted weeks (all weeks when every one was promoted). */
function unpromoted(weeks: Map<string, { units: number; promo: boolean }>): number[] {
  const all = [...weeks.values()];
  const clean = all.filter((w) => !w.promo);
  return (clean.length > 0 ? clean : all).map((w) => w.units);
}

/** Mean weekly units of the non-promoted weeks (all weeks when every one was promoted). */
function meanUnpromoted(weeks: Map<string, { units: number; promo: boolean }>): number {
  const use = unpromoted(weeks);
  return use.length ? use.reduce((s, u) => s + u, 0) / use.length : 0;
}

/** Coefficient of variation of the non-promoted weeks; undefined under 3 weeks or no sales. */
function cvUnpromoted(weeks: Map<string, { units: number; promo: boolean }>): number | undefined {
  const use = unpromoted(weeks);
  const n = use.length;
  const mean = n ? use.reduce((s, u) => s + u, 0) / n : 0;
  if (n < 3 || !(mean > 0)) return undefined;
  const ss = use.reduce((s, u) => s + (u - mean) ** 2, 0);
  return Math.sqrt(ss / (n - 1)) / mean;
}

function add(
  map: Map<string, Map<string, { units: number; promo: boolean }>>,
  key: string,
  week: string,
  units: number,
  promo: boolean,
): void {
  const inner = map.get(key) ?? new Map<string, { units: number; promo: boolean }>();
  const w = inner.get(week) ?? { units: 0, promo: false };
  inner.set(week, { units: w.units + units, promo: w.promo || promo });
  map.set(key, inner);
}

/** Positions per query, kept until the next stock or sales ingest: perception and inventory ask for the same ones. */
const POSITIONS = new FactsMemo<StockPosition[]>(["inventory", "sales"], SCOPE_ENTRIES);

/** Latest stock per SKU × location (or market) with weeks of cover against recent non-promoted sales. */
export function readStockPositions(db: Db, asOf: string, q: Query): StockPosition[] {
  return POSITIONS.get(
    db,
    JSON.stringify([asOf, q.market, q.location, q.sku, q.category, q.level, q.salesWeeks]),
    () => loadStockPositions(db, asOf, q),
  );
}

function loadStockPositions(db: Db, asOf: string, q: Query): StockPosition[] {
  const params = {
    asOf,
    market: q.market ?? null,
    sku: q.sku ?? null,
    category: q.category ?? null,
    location: q.location ?? null,
    after: shiftDate(asOf, -7 * q.salesWeeks),
  };
  const stock = prepared(
    db,
    // The latest count per SKU × location in scope: one backward index seek per pair, not a scan of all counts.
    `SELECT x.sku, p.category, x.market_id AS market, x.location_id AS location, l.kind, x.retail_week AS week, x.on_hand, x.on_order, x.in_transit
         FROM products p JOIN locations l
         JOIN inventory x ON x.id = (SELECT y.id FROM inventory y WHERE y.sku = p.sku AND y.location_id = l.id AND y.retail_week <= @asOf
                                      ORDER BY y.retail_week DESC, y.as_of DESC LIMIT 1)
        WHERE 1 = 1${andSet(params, { market: "l.market_id = @market", sku: "p.sku = @sku", category: "p.category = @category", location: "l.id = @location" })}
        ORDER BY x.sku, x.market_id, x.location_id`,
  ).all(params) as StockRow[];
  const sold = prepared(
    db,
    `SELECT x.sku, x.market_id AS market, ifnull(x.location_id, '') AS location, x.retail_week AS week, sum(x.units) AS units, max(x.feature OR x.display OR x.tpr) AS promo
         FROM products p CROSS JOIN sales x ON x.sku = p.sku -- products first, then one series seek per SKU (sales_series)
        WHERE x.retail_week > @after AND x.retail_week <= @asOf${andSet(params, { market: "x.market_id = @market", sku: "p.sku = @sku", category: "p.category = @category" })}
        GROUP BY x.sku, x.market_id, location, x.retail_week`,
  ).all(params) as SoldRow[];
  const perLocation = new Map<string, Map<string, { units: number; promo: boolean }>>();
  const perMarket = new Map<string, Map<string, { units: number; promo: boolean }>>();
  for (const r of sold) {
    add(perLocation, `${r.sku}|${r.location}`, r.week, r.units, r.promo === 1);
    add(perMarket, `${r.sku}|${r.market}`, r.week, r.units, r.promo === 1);
  }
  const marketSales = (sku: string, market: string): number =>
    meanUnpromoted(perMarket.get(`${sku}|${market}`) ?? new Map());
  const cover = (onHand: number, weekly: number): number | null =>
    weekly > 0 ? onHand / weekly : null;

  if (q.level === "location") {
    return stock.map((s) => {
      // Warehouses sell nothing themselves: they cover the whole market's demand.
      const own = perLocation.get(`${s.sku}|${s.location}`) ?? new Map();
      const weekly = s.kind === "store" ? meanUnpromoted(own) : marketSales(s.sku, s.market);
      const cv = s.kind === "store" ? cvUnpromoted(own) : undefined;
      return {
        sku: s.sku,
        category: s.category,
        market: s.market,
        location: s.location,
        locationKind: s.kind,
        week: s.week,
        onHand: s.on_hand,
        onOrder: s.on_order,
        inTransit: s.in_transit,
        weeklySales: weekly,
        weeksOfCover: cover(s.on_hand, weekly),
        ...(cv !== undefined ? { weeklySalesCv: cv } : {}),
      };
    });
  }
  const summed = new Map<string, StockPosition>();
  for (const s of stock) {
    const key = `${s.sku}|${s.market}`;
    const p = summed.get(key) ?? {
      sku: s.sku,
      category: s.category,
      market: s.market,
      location: null,
      locationKind: null,
      week: s.week,
      onHand: 0,
      onOrder: 0,
      inTransit: 0,
      weeklySales: marketSales(s.sku, s.market),
      weeksOfCover: null,
    };
    p.onHand += s.on_hand;
    p.onOrder += s.on_order;
    p.inTransit += s.in_transit;
    if (s.week > p.week) p.week = s.week;
    summed.set(key, p);
  }
  return [...summed.values()].map((p) => ({ ...p, weeksOfCover: cover(p.onHand, p.weeklySales) }));
}

/** Latest on hand, on order and in transit with weeks of cover, per SKU × location or summed per market. */
export const inventoryPosition = defineTool({
  name: "inventoryPosition",
  description:
    "Latest stock (on hand, on order, in transit) per SKU and location, or summed per market, with weeks of cover against recent non-promoted weekly sales.",
  input: inventoryPositionInputSchema,
  output: inventoryPositionOutputSchema,
  run({ db, clock }, input) {
    const asOf = asOfDate(clock);
    return { asOf, positions: readStockPositions(db, asOf, input) };
  },
});
