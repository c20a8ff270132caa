import type { DemoMarket } from "../../src/sim/demo/index.js";
import { PLANTS } from "../../src/sim/demo/catalog.js";

/*
 * Edits an analyst makes to a generated demo market to plant a situation in it: every edit is a
 * change to the source feeds (what the store would receive), never to the store itself.
 */

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Canonical SKU of a sales row's code (POS codes and crate codes through the alias table). */
function canonical(demo: DemoMarket): (code: string) => { sku: string; per: number } {
  const byCode = new Map(
    demo.skuAliases
      .filter((a) => a.source === "pos")
      .map((a) => [a.code, { sku: a.sku, per: a.unitsPerCode ?? 1 }]),
  );
  return (code) => byCode.get(code) ?? { sku: code, per: 1 };
}

/** Week-ending dates of a market `k` weeks before its last week (0 = the last week). */
export function weekBack(demo: DemoMarket, market: string, k: number): string {
  const last = demo.lastWeekEnds[market] ?? demo.endDate;
  return new Date(Date.parse(`${last}T00:00:00Z`) - k * 7 * 86_400_000).toISOString().slice(0, 10);
}

/** One week of a series as the feeds report it: promotion flags and the cut's depth. */
export interface FeedWeek {
  tpr: boolean;
  promoted: boolean;
  depth: number;
}

/** A SKU × market's weeks `k` = 0..3 back from its last, read from the sales feeds (stores and web). */
export function recentWeeks(demo: DemoMarket, sku: string, market: string): FeedWeek[] {
  const skuOf = canonical(demo);
  const out: FeedWeek[] = [0, 1, 2, 3].map(() => ({ tpr: false, promoted: false, depth: 0 }));
  const dates = out.map((_, k) => weekBack(demo, market, k));
  for (const b of demo.feeds.sales) {
    for (const r of b.rows) {
      if (r.market !== market || skuOf(r.sku).sku !== sku) continue;
      const k = dates.indexOf(r.date);
      const w = out[k];
      if (!w) continue;
      w.tpr ||= r.tpr === true;
      w.promoted ||= r.tpr === true || r.feature === true || r.display === true;
      if (r.tpr && r.pricePaid !== undefined && r.regularPrice)
        w.depth = Math.max(w.depth, 1 - r.pricePaid / r.regularPrice);
    }
  }
  return out;
}

/** Scales a SKU × market's sales in one week (every store, the web shop, every batch) by `factor`. */
export function scaleSales(
  demo: DemoMarket,
  sku: string,
  market: string,
  date: string,
  factor: number,
): void {
  const skuOf = canonical(demo);
  for (const b of demo.feeds.sales) {
    for (const r of b.rows) {
      if (r.market !== market || r.date !== date || skuOf(r.sku).sku !== sku) continue;
      const units = Number.isInteger(r.units) ? Math.round(r.units * factor) : r.units * factor;
      if (r.revenue !== undefined)
        r.revenue = r.units > 0 ? round2((r.revenue * units) / r.units) : 0;
      r.units = units;
    }
  }
}

/** Turns one week of a SKU × market into a price cut of `depth`, selling what `elasticity` says it would. */
export function plantCut(
  demo: DemoMarket,
  sku: string,
  market: string,
  date: string,
  depth: number,
  elasticity: number,
): void {
  const skuOf = canonical(demo);
  const lift = Math.pow(1 - depth, elasticity);
  for (const b of demo.feeds.sales) {
    for (const r of b.rows) {
      if (r.market !== market || r.date !== date || skuOf(r.sku).sku !== sku || !r.regularPrice)
        continue;
      r.tpr = true;
      r.pricePaid = round2(r.regularPrice * (1 - depth));
      r.units = Number.isInteger(r.units) ? Math.round(r.units * lift) : r.units * lift;
      r.revenue = round2(r.units * r.pricePaid);
    }
  }
}

/** The plant that makes a SKU's category, and its market. */
export function plantOf(demo: DemoMarket, sku: string): { id: string; market: string } {
  const category = demo.products.find((p) => p.sku === sku)?.category ?? "";
  const plant =
    PLANTS.find((p) => (p.categories as readonly string[]).includes(category)) ?? PLANTS[0];
  return { id: plant.id, market: plant.marketId };
}

/**
 * Scales a SKU's planned production in horizon weeks `from`..`to` (1 = the first week after the
 * plant market's last sales week) by `ratio`: 0 is a stop, 0.4 a plan at 40 % of what it was.
 */
export function scalePlan(demo: DemoMarket, sku: string, ratio: number, from = 1, to = 8): void {
  const plant = plantOf(demo, sku);
  const start = weekBack(demo, plant.market, -from);
  const end = weekBack(demo, plant.market, -to);
  for (const b of demo.feeds.production) {
    for (const r of b.rows)
      if (r.sku === sku && r.plant === plant.id && r.date >= start && r.date <= end)
        r.plannedUnits = Math.round((r.plannedUnits * ratio) / 10) * 10;
  }
}

/** Scales a SKU's latest stock count at every location (on hand and in transit) by `factor`. */
export function scaleLatestStock(demo: DemoMarket, sku: string, factor: number): void {
  const latest = new Map<string, string>();
  for (const b of demo.feeds.inventory)
    for (const r of b.rows)
      if (r.sku === sku && r.asOf > (latest.get(r.location) ?? "")) latest.set(r.location, r.asOf);
  for (const b of demo.feeds.inventory) {
    for (const r of b.rows) {
      if (r.sku !== sku || r.asOf !== latest.get(r.location)) continue;
      r.onHand = Math.round(r.onHand * factor);
      if (r.inTransit !== undefined) r.inTransit = Math.round(r.inTransit * factor);
    }
  }
}
