import type { InventoryFeedRow } from "../../domain/feeds.js";
import { localStamps } from "./calendar.js";
import { expectedStoreUnits, expectedWebUnits, type DemandCurves } from "./demand.js";
import { isCaseCounted, type Simulation } from "./flow.js";
import { PLAN } from "./planted-plan.js";
import { Rng } from "./rng.js";
import type { World } from "./world.js";

/** Distribution centres normally hold this many weeks of their market's demand. */
export const WAREHOUSE_COVER_WEEKS = 2;

/** Store stock rows from the ERP, counted at 23:00 local on each week-ending day. */
export function storeInventoryRows(world: World, sim: Simulation): InventoryFeedRow[] {
  const stampOf = localStamps();
  const rows: InventoryFeedRow[] = [];
  for (let w = 0; w < world.weeks; w++) {
    for (const s of sim.stores) {
      const { market } = s.market;
      // The legacy ERP reports whole cases; the harmonisation multiplies by the product's casePack.
      const per = isCaseCounted(s.storeId, s.product, w, world.weeks)
        ? s.product.product.casePack
        : 1;
      rows.push({
        sku: s.product.product.sku,
        location: s.storeId,
        asOf: stampOf(world.weekEnd(market.id, w), 23, market.timeZone),
        onHand: (s.onHand[w] ?? 0) / per,
        onOrder: (s.onOrder[w] ?? 0) / per,
        inTransit: (s.inTransit[w] ?? 0) / per,
        uom: per > 1 ? "case" : "unit",
      });
    }
  }
  return rows;
}

/** Weeks of cover a distribution centre holds for a SKU in week `w` (the planted shortfall drains one SKU). */
function warehouseCover(world: World, sku: string, w: number): number {
  if (sku !== PLAN.shortfall.sku) return WAREHOUSE_COVER_WEEKS;
  const k = w - (world.last - PLAN.shortfall.warehouseCover.length + 1);
  return k >= 0
    ? (PLAN.shortfall.warehouseCover[k] ?? WAREHOUSE_COVER_WEEKS)
    : WAREHOUSE_COVER_WEEKS;
}

/**
 * Distribution-centre stock rows from the warehouse system. DCs serve their market's stores and web
 * shop, so stock tracks next week's market demand rather than being simulated flow by flow.
 */
export function warehouseInventoryRows(world: World, curves: DemandCurves): InventoryFeedRow[] {
  const stampOf = localStamps();
  const rows: InventoryFeedRow[] = [];
  for (let w = 0; w < world.weeks; w++) {
    for (const m of world.markets) {
      for (const p of world.products) {
        const rng = Rng.of(world.seed, "dc", m.market.id, p.product.sku, w);
        const demand = (k: number): number =>
          m.stores.reduce((sum, st) => sum + expectedStoreUnits(world, curves, m, st, p, k), 0) +
          expectedWebUnits(world, curves, m, p, k);
        const starved =
          p.product.sku === PLAN.shortfall.sku && w > world.last - PLAN.shortfall.historyWeeks;
        rows.push({
          sku: p.product.sku,
          location: m.warehouse,
          asOf: stampOf(world.weekEnd(m.market.id, w), 23, m.market.timeZone),
          onHand: Math.round(
            warehouseCover(world, p.product.sku, w) * demand(w + 1) * rng.lognormal(0.1),
          ),
          onOrder: Math.round(demand(w + 2) * rng.lognormal(0.1)),
          inTransit: Math.round(
            demand(w + 1) * rng.lognormal(0.1) * (starved ? PLAN.shortfall.storeFill : 1),
          ),
          uom: "unit",
        });
      }
    }
  }
  return rows;
}
