import { plannedPromotionRows } from "./planners.js";
import { z } from "zod";
import type { SignalKind } from "../../domain/signals.js";
import { InputError } from "../../errors.js";
import { isCalendarDate } from "./calendar.js";
import { buildAliases, buildLocations } from "./catalog.js";
import { competitorAliases, competitorPriceRows } from "./competitors.js";
import { buildDemandCurves } from "./demand.js";
import { simulate } from "./flow.js";
import { fxRateRows } from "./fx.js";
import { storeInventoryRows, warehouseInventoryRows } from "./inventory.js";
import { holdBack, moveToEnd, withDuplicates, type SourceQuirks } from "./mess.js";
import {
  buildManifest,
  plantedKindSchema,
  plantedSituationSchema,
  type PlantedKind,
  type PlantedSituation,
} from "./planted.js";
import { productionRows } from "./production.js";
import { posSalesRows, webSalesRows } from "./sales.js";
import { searchInterestRows, socialMentionRows, weatherRows } from "./signals.js";
import type { DemoFeeds, DemoMarket, FeedBatch, MarketPrice } from "./types.js";
import { buildWorld, type DemandTruth } from "./world.js";

/** The default last day of data: Saturday-week markets end on 2026-11-21, the UK (Sunday weeks) on 2026-11-22. */
export const DEFAULT_END_DATE = "2026-11-22";

export const demoOptionsSchema = z.object({
  seed: z.number().int().default(1),
  /** Weeks of history; at least 30 so the planted situations have clean baselines. */
  weeks: z.number().int().min(30).max(260).default(104),
  /** Last calendar day covered; each market's last retail week is the latest one ending on or before it. */
  endWeek: z
    .string()
    .refine(isCalendarDate, "expected a calendar date YYYY-MM-DD")
    .default(DEFAULT_END_DATE),
});
export type DemoOptions = z.input<typeof demoOptionsSchema>;

/**
 * Generates a deterministic demo retailer: 4 markets, 40 SKUs, `weeks` of weekly feeds and four planted situations.
 * @example const demo = generateDemoMarket({ seed: 1 }); demo.feeds.sales[0]?.rows.length;
 */
export function generateDemoMarket(options: DemoOptions = {}): DemoMarket {
  const parsed = demoOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      "INVALID_INPUT",
      `invalid demo options: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim(),
      { field: issue?.path.join(".") },
    );
  }
  const { seed, weeks, endWeek } = parsed.data;
  const world = buildWorld(seed, weeks, endWeek);
  const curves = buildDemandCurves(world);
  const sim = simulate(world, curves);

  // Mess for the harmonisation: one DE store re-sends a few rows of an older week late, some rows
  // are sent twice, and a few inventory rows of an old week trail at the end of their batch.
  const lateDate = world.weekEnd("DE", world.last - 2);
  const pos = holdBack(
    posSalesRows(world, sim),
    (r) => r.location === "DE-S02" && r.date === lateDate && /^POS-10(0|1|2)/.test(r.sku),
  );
  const posRows = withDuplicates(pos.onTime, seed, "pos", 6);
  const oldDate = world.weekEnd("US-EAST", Math.floor(world.weeks / 2));
  const store = moveToEnd(
    storeInventoryRows(world, sim),
    (r) =>
      r.location === "US-EAST-S04" &&
      r.asOf.startsWith(oldDate) &&
      r.sku.startsWith("CER-0") &&
      r.sku <= "CER-05",
  );
  const storeRows = withDuplicates(store.rows, seed, "erp", 4);
  const warehouses = warehouseInventoryRows(world, curves);
  const production = productionRows(world, curves);
  const competitorPrices = competitorPriceRows(world);
  const search = searchInterestRows(world);
  const mentions = socialMentionRows(world);
  const weather = weatherRows(world);

  const feeds: DemoFeeds = {
    sales: [
      { source: "pos", rows: posRows },
      { source: "web", rows: webSalesRows(world, sim) },
      { source: "pos", rows: pos.late },
    ],
    inventory: [
      { source: "erp", rows: storeRows },
      { source: "wms", rows: warehouses },
    ],
    production: [{ source: "erp", rows: production }],
    competitor_price: [{ source: "pricewatch", rows: competitorPrices }],
    consumer_signal: [
      { source: "trends", rows: search },
      { source: "social", rows: mentions },
      { source: "weather", rows: weather },
    ],
    planned_promotion: [{ source: "planners", rows: plannedPromotionRows(world) }],
  };
  const quirks: SourceQuirks = {
    duplicateSalesRows: posRows.length - pos.onTime.length,
    duplicateInventoryRows: storeRows.length - store.rows.length,
    lateSalesRows: pos.late.length,
    outOfOrderInventoryRows: store.moved,
    caseInventoryRows: storeRows.filter((r) => r.uom === "case").length,
    crateSalesRows: [...posRows, ...pos.late].filter((r) => r.sku.startsWith("POS-9")).length,
    competitorRowsWithoutSku: competitorPrices.filter((r) => r.sku === undefined).length,
  };

  return {
    seed,
    weeks,
    endDate: endWeek,
    lastWeekEnds: Object.fromEntries(
      world.markets.map((m) => [m.market.id, world.weekEnd(m.market.id, world.last)]),
    ),
    markets: world.markets.map((m) => m.market),
    locations: buildLocations(),
    products: world.products.map((p) => p.product),
    skuAliases: [...buildAliases(world.products), ...competitorAliases(world)],
    fxRates: fxRateRows(world),
    marketPrices: world.markets.flatMap((m) =>
      world.products.map((p) => ({
        market: m.market.id,
        sku: p.product.sku,
        currency: m.market.currency,
        regularPrice: world.prices.get(`${m.market.id}|${p.product.sku}`) ?? 0,
      })),
    ),
    feeds,
    planted: buildManifest({
      world,
      curves,
      sim,
      production,
      competitorPrices,
      signals: [...search, ...mentions, ...weather],
      warehouses,
    }),
    quirks,
    truth: world.truth,
  };
}

/** Rows per signal kind, summed over batches (handy for CLI summaries). */
export function demoRowCounts(demo: DemoMarket): Record<SignalKind, number> {
  const count = (batches: readonly FeedBatch<unknown>[]): number =>
    batches.reduce((n, b) => n + b.rows.length, 0);
  const f = demo.feeds;
  return {
    sales: count(f.sales),
    inventory: count(f.inventory),
    production: count(f.production),
    competitor_price: count(f.competitor_price),
    consumer_signal: count(f.consumer_signal),
  };
}

export { plantedSituationSchema, plantedKindSchema };
export { readSeries, weeksBefore, meanOver } from "./measure.js";
export type { WeeklySeries } from "./measure.js";
export type {
  PlantedSituation,
  PlantedKind,
  DemandTruth,
  SourceQuirks,
  DemoFeeds,
  DemoMarket,
  FeedBatch,
  MarketPrice,
};
