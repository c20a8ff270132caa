import type { ProductionFeedRow } from "../../domain/feeds.js";
import { PLANTS } from "./catalog.js";
import { expectedStoreUnits, expectedWebUnits, type DemandCurves } from "./demand.js";
import { HORIZON_WEEKS, PLAN } from "./planted-plan.js";
import { Rng } from "./rng.js";
import type { World } from "./world.js";

/** Expected units of a SKU across every market, store and web shop in week `w`: what a plant plans to. */
export function networkDemand(world: World, curves: DemandCurves, sku: string, w: number): number {
  const p = world.products.find((q) => q.product.sku === sku);
  if (!p) return 0;
  let total = 0;
  for (const m of world.markets) {
    for (const st of m.stores) total += expectedStoreUnits(world, curves, m, st, p, w);
    total += expectedWebUnits(world, curves, m, p, w);
  }
  return total;
}

/** Plan factor and capacity factor for the planted shortfall SKU (1, 1 for everything else). */
function shortfall(world: World, sku: string, w: number): { plan: number; capacity: number } {
  if (sku !== PLAN.shortfall.sku) return { plan: 1, capacity: 1 };
  if (w > world.last)
    return { plan: PLAN.shortfall.planRatio, capacity: PLAN.shortfall.capacityRatio };
  if (w > world.last - PLAN.shortfall.historyWeeks)
    return { plan: PLAN.shortfall.storeFill, capacity: PLAN.shortfall.capacityRatio };
  return { plan: 1, capacity: 1 };
}

/**
 * Weekly plant schedules, dated on the plant market's week-ending day: the history plus
 * HORIZON_WEEKS of plan ahead. Plants plan to expected network demand within a fixed line capacity.
 */
export function productionRows(world: World, curves: DemandCurves): ProductionFeedRow[] {
  const rows: ProductionFeedRow[] = [];
  const horizon = world.weeks + HORIZON_WEEKS;
  for (const plant of PLANTS) {
    const skus = world.products
      .filter((p) => (plant.categories as readonly string[]).includes(p.product.category))
      .map((p) => p.product.sku);
    for (const sku of skus) {
      const rng = Rng.of(world.seed, "plant", plant.id, sku);
      const demand = Array.from({ length: horizon }, (_, w) =>
        networkDemand(world, curves, sku, w),
      );
      const capacity = Math.ceil((1.5 * demand.reduce((a, b) => a + b, 0)) / horizon / 100) * 100;
      for (let w = 0; w < horizon; w++) {
        const f = shortfall(world, sku, w);
        const cap = Math.round((capacity * f.capacity) / 10) * 10;
        const planned = Math.min(
          cap,
          Math.round(((demand[w] ?? 0) * f.plan * rng.lognormal(0.03)) / 10) * 10,
        );
        rows.push({
          plant: plant.id,
          sku,
          date: world.weekEnd(plant.marketId, w),
          plannedUnits: planned,
          capacityUnits: cap,
          uom: "unit",
        });
      }
    }
  }
  // Schedules are published week by week, so order the feed by date like the source system does.
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
