import type { MarketSpec, ProductSpec } from "./catalog.js";
import { PLAN } from "./planted-plan.js";
import type { PromoWeek } from "./promotions.js";
import { curveLength, type World } from "./world.js";

/** Market-level demand multiplier per `${market}|${sku}` and week (everything except level and store displays). */
export type DemandCurves = ReadonlyMap<string, Float64Array>;

/** The promotion running (or planned) for a SKU in a market in week `w`, if any. */
export function promoAt(
  world: World,
  marketId: string,
  sku: string,
  w: number,
): PromoWeek | undefined {
  return world.promos.get(`${marketId}|${sku}`)?.[w];
}

/** Price and feature lift of a promotion for one SKU (displays are per store and applied separately). */
function priceFeatureLift(world: World, sku: string, promo: PromoWeek | undefined): number {
  if (!promo) return 1;
  const price = Math.pow(1 - promo.depth, world.truth.elasticity[sku] ?? -2);
  return price * (promo.feature ? world.truth.featureLift : 1);
}

/** Average lift over a market's stores, used to size how much a promoted SKU steals from its siblings. */
function marketLift(
  world: World,
  m: MarketSpec,
  sku: string,
  promo: PromoWeek | undefined,
): number {
  if (!promo) return 1;
  const displayShare = promo.displayStores.size / m.stores.length;
  return priceFeatureLift(world, sku, promo) * (1 + displayShare * (world.truth.displayLift - 1));
}

/** The planted viral spike's multiplier (1 outside it). */
function spikeFactor(world: World, marketId: string, sku: string, w: number): number {
  if (marketId !== PLAN.spike.market || sku !== PLAN.spike.sku) return 1;
  const k = w - (world.last - PLAN.spike.ramp.length + 1);
  return k >= 0 && k < PLAN.spike.ramp.length ? (PLAN.spike.ramp[k] ?? 1) : 1;
}

/** Builds every market × SKU demand curve: trend, season, own promotion, siblings' promotions, post-promo dip, spike. */
export function buildDemandCurves(world: World): DemandCurves {
  const curves = new Map<string, Float64Array>();
  const len = curveLength(world);
  for (const m of world.markets) {
    const id = m.market.id;
    for (const p of world.products) {
      const sku = p.product.sku;
      const siblings = world.products.filter(
        (q) => q.subcategory === p.subcategory && q.product.sku !== sku,
      );
      const curve = new Float64Array(len);
      for (let w = 0; w < len; w++) {
        const trend = Math.exp(((world.truth.trendPerYear[sku] ?? 0) * (w - world.last)) / 52);
        const own = promoAt(world, id, sku, w);
        let stolen = 0;
        for (const q of siblings)
          stolen +=
            world.truth.cannibalisation *
            (marketLift(world, m, q.product.sku, promoAt(world, id, q.product.sku, w)) - 1);
        const prev = promoAt(world, id, sku, w - 1);
        const dip = !own && prev && prev.depth > 0 ? 1 - world.truth.postPromoDip * prev.depth : 1;
        curve[w] =
          trend *
          world.season(id, sku, w) *
          priceFeatureLift(world, sku, own) *
          Math.max(0.6, 1 - stolen) *
          dip *
          spikeFactor(world, id, sku, w);
      }
      curves.set(`${id}|${sku}`, curve);
    }
  }
  return curves;
}

/** Mean units of a SKU in one store in week `w` (store displays included). */
export function expectedStoreUnits(
  world: World,
  curves: DemandCurves,
  m: MarketSpec,
  store: MarketSpec["stores"][number],
  p: ProductSpec,
  w: number,
): number {
  const curve = curves.get(`${m.market.id}|${p.product.sku}`);
  const display = promoAt(world, m.market.id, p.product.sku, w)?.displayStores.has(store.id)
    ? world.truth.displayLift
    : 1;
  return p.baseUnits * m.scale * store.size * (curve?.[w] ?? 0) * display;
}

/** Mean units of a SKU in one store in week `w` without any promotion effect: what safety stock is sized on. */
export function baselineStoreUnits(
  world: World,
  m: MarketSpec,
  store: MarketSpec["stores"][number],
  p: ProductSpec,
  w: number,
): number {
  const trend = Math.exp(((world.truth.trendPerYear[p.product.sku] ?? 0) * (w - world.last)) / 52);
  return p.baseUnits * m.scale * store.size * trend * world.season(m.market.id, p.product.sku, w);
}

/** Mean market-wide ecommerce units of a SKU in week `w` (0 where the market has no web shop). */
export function expectedWebUnits(
  world: World,
  curves: DemandCurves,
  m: MarketSpec,
  p: ProductSpec,
  w: number,
): number {
  if (!m.hasWebShop) return 0;
  return (
    p.baseUnits *
    m.scale *
    world.truth.webShare *
    (curves.get(`${m.market.id}|${p.product.sku}`)?.[w] ?? 0)
  );
}
