import type { SalesFeedRow } from "../../domain/feeds.js";
import { CRATE_MARKET, CRATE_SKUS, crateCode, posCode } from "./catalog.js";
import { promoAt } from "./demand.js";
import type { Simulation } from "./flow.js";
import type { World } from "./world.js";

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The shelf price paid in a market for a SKU in week `w` (regular, or the promoted price). */
export function pricePaidAt(
  world: World,
  marketId: string,
  sku: string,
  w: number,
): { regular: number; paid: number } {
  const regular = world.prices.get(`${marketId}|${sku}`) ?? 1;
  const depth = promoAt(world, marketId, sku, w)?.depth ?? 0;
  return { regular, paid: depth > 0 ? round2(regular * (1 - depth)) : regular };
}

/**
 * POS rows per store-week, in POS codes. German water is scanned by the crate, so those rows count
 * crates and quote per-crate prices (the alias says 12 units per code).
 */
export function posSalesRows(world: World, sim: Simulation): SalesFeedRow[] {
  const skuIndex = new Map(world.products.map((p, i) => [p.product.sku, i]));
  const rows: SalesFeedRow[] = [];
  for (let w = 0; w < world.weeks; w++) {
    for (const s of sim.stores) {
      const id = s.market.market.id;
      const sku = s.product.product.sku;
      const i = skuIndex.get(sku) ?? 0;
      const crate = id === CRATE_MARKET && CRATE_SKUS.has(sku);
      const per = crate ? 12 : 1;
      const promo = promoAt(world, id, sku, w);
      const { regular, paid } = pricePaidAt(world, id, sku, w);
      const units = (s.units[w] ?? 0) / per;
      rows.push({
        sku: crate ? crateCode(i) : posCode(i),
        location: s.storeId,
        market: id,
        channel: "store",
        date: world.weekEnd(id, w),
        granularity: "week",
        units,
        revenue: round2(units * paid * per),
        pricePaid: round2(paid * per),
        regularPrice: round2(regular * per),
        currency: s.market.market.currency,
        feature: promo?.feature ?? false,
        display: promo?.displayStores.has(s.storeId) ?? false,
        tpr: (promo?.depth ?? 0) > 0,
        uom: "unit",
      });
    }
  }
  return rows;
}

/** Web-shop rows, market-wide (no location), canonical SKUs, each with an order-system event id. */
export function webSalesRows(world: World, sim: Simulation): SalesFeedRow[] {
  const rows: SalesFeedRow[] = [];
  for (let w = 0; w < world.weeks; w++) {
    for (const s of sim.web) {
      const id = s.market.market.id;
      const sku = s.product.product.sku;
      const promo = promoAt(world, id, sku, w);
      const { regular, paid } = pricePaidAt(world, id, sku, w);
      const units = s.units[w] ?? 0;
      const date = world.weekEnd(id, w);
      rows.push({
        sourceEventId: `web-${id}-${sku}-${date}`,
        sku,
        market: id,
        channel: "ecommerce",
        date,
        granularity: "week",
        units,
        revenue: round2(units * paid),
        pricePaid: paid,
        regularPrice: regular,
        currency: s.market.market.currency,
        // The web shop has a homepage feature but no shelf display.
        feature: promo?.feature ?? false,
        display: false,
        tpr: (promo?.depth ?? 0) > 0,
        uom: "unit",
      });
    }
  }
  return rows;
}
