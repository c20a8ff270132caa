import { CRATE_MARKET, CRATE_SKUS, type MarketSpec, type ProductSpec } from "./catalog.js";
import {
  baselineStoreUnits,
  expectedStoreUnits,
  expectedWebUnits,
  type DemandCurves,
} from "./demand.js";
import { PLAN } from "./planted-plan.js";
import { Rng } from "./rng.js";
import type { World } from "./world.js";

/** Weekly sales and week-end stock of one SKU in one store, in single units. */
export interface StoreSeries {
  market: MarketSpec;
  storeId: string;
  product: ProductSpec;
  units: Float64Array;
  onHand: Float64Array;
  onOrder: Float64Array;
  inTransit: Float64Array;
}

/** Weekly market-wide ecommerce units of one SKU. */
export interface WebSeries {
  market: MarketSpec;
  product: ProductSpec;
  units: Float64Array;
}

export interface Simulation {
  stores: StoreSeries[];
  web: WebSeries[];
}

/** Stores hold this many weeks of baseline demand as safety stock after each order arrives. */
export const SAFETY_WEEKS = 1.8;

/** CA-S02 ran a legacy ERP counting beverages in cases for the first half of the history. */
export function isCaseCounted(storeId: string, p: ProductSpec, w: number, weeks: number): boolean {
  return storeId === "CA-S02" && p.product.category === "beverages" && w < Math.floor(weeks / 2);
}

/** Share of a store order the supplier ships in week `w` (the planted shortfall starves one SKU). */
function fillRate(world: World, sku: string, w: number): number {
  return sku === PLAN.shortfall.sku && w > world.last - PLAN.shortfall.historyWeeks
    ? PLAN.shortfall.storeFill
    : 1;
}

/**
 * Simulates every store × SKU week by week: noisy demand, sales capped by stock, and an order-up-to
 * replenishment with a two-week lead time (ordered → on order; next week → in transit; then on hand).
 */
function simulateStore(
  world: World,
  curves: DemandCurves,
  m: MarketSpec,
  store: MarketSpec["stores"][number],
  p: ProductSpec,
): StoreSeries {
  const n = world.weeks;
  const rng = Rng.of(world.seed, "store", store.id, p.product.sku);
  const E = (w: number): number => expectedStoreUnits(world, curves, m, store, p, w);
  const pack = p.product.casePack;
  const cases = (x: number): number => Math.max(0, Math.ceil(x / pack) * pack);
  // German stores sell water by the crate, so true units move in steps of 12.
  const step = m.market.id === CRATE_MARKET && CRATE_SKUS.has(p.product.sku) ? 12 : 1;
  const excess = m.market.id === PLAN.excess.market && p.product.category === PLAN.excess.category;
  const excessWeek = world.last - PLAN.excess.arrivesWeeksBeforeEnd - 1;

  const s: StoreSeries = {
    market: m,
    storeId: store.id,
    product: p,
    units: new Float64Array(n),
    onHand: new Float64Array(n),
    onOrder: new Float64Array(n),
    inTransit: new Float64Array(n),
  };
  let onHand = cases(SAFETY_WEEKS * baselineStoreUnits(world, m, store, p, 0));
  let inTransit = cases(E(0));
  let onOrder = cases(E(1));
  for (let w = 0; w < n; w++) {
    const available = onHand + inTransit;
    const demand = Math.round((E(w) * rng.lognormal(world.truth.noiseSd)) / step) * step;
    const sold = Math.min(demand, Math.floor(available / step) * step);
    onHand = available - sold;
    // A stock count in whole cases writes off the loose units (keeps case-counted rows exact).
    if (isCaseCounted(store.id, p, w, n)) onHand = Math.floor(onHand / pack) * pack;
    inTransit = Math.floor((onOrder * fillRate(world, p.product.sku, w)) / pack) * pack;
    if (excess && w === excessWeek) {
      let recent = 0;
      for (let k = w - 7; k <= w; k++) recent += E(k) / 8;
      inTransit += cases(PLAN.excess.extraWeeksOfDemand * recent);
    }
    // Promotion volume is ordered to arrive just in time; safety stock stays sized on baseline demand,
    // so no pre-promotion stock build masquerades as excess.
    onOrder = cases(
      E(w + 1) +
        E(w + 2) +
        SAFETY_WEEKS * baselineStoreUnits(world, m, store, p, w + 3) -
        onHand -
        inTransit,
    );
    s.units[w] = sold;
    s.onHand[w] = onHand;
    s.onOrder[w] = onOrder;
    s.inTransit[w] = inTransit;
  }
  return s;
}

/** Runs the store and web simulations for the whole world. */
export function simulate(world: World, curves: DemandCurves): Simulation {
  const stores: StoreSeries[] = [];
  const web: WebSeries[] = [];
  for (const m of world.markets) {
    for (const store of m.stores)
      for (const p of world.products) stores.push(simulateStore(world, curves, m, store, p));
    if (!m.hasWebShop) continue;
    for (const p of world.products) {
      const rng = Rng.of(world.seed, "web", m.market.id, p.product.sku);
      const units = new Float64Array(world.weeks);
      for (let w = 0; w < world.weeks; w++)
        units[w] = Math.round(expectedWebUnits(world, curves, m, p, w) * rng.lognormal(0.1));
      web.push({ market: m, product: p, units });
    }
  }
  return { stores, web };
}
