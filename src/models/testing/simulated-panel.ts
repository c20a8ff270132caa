import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import type { FratDataset, FratTransaction } from "../data/frat-schemas.js";
import { addDays } from "../panel.js";

/** Knobs of a simulated market with a known ground truth. */
export interface SimulatedMarketOptions {
  seed: number;
  weeks?: number;
  stores?: number;
  upcsPerCategory?: number;
  /** Own-price elasticity before and after `changeWeek`. */
  elasticity?: number;
  elasticityAfter?: number;
  changeWeek?: number;
  displayLift?: number;
  noise?: number;
  promoRate?: number;
}

function normal(rng: RandomGenerator): number {
  const u = Math.max(1e-12, uniformFloat64(rng));
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniformFloat64(rng));
}

/**
 * A seeded weekly store × UPC market in the Breakfast-at-the-Frat layout: log-normal demand with a
 * store × UPC level, own-price elasticity (optionally changing at `changeWeek`), display lift and noise.
 */
export function simulateMarket(o: SimulatedMarketOptions): FratDataset {
  const rng = xoroshiro128plus(o.seed);
  const weeks = o.weeks ?? 150;
  const nStores = o.stores ?? 15;
  const perCat = o.upcsPerCategory ?? 6;
  const categories = ["CAT A", "CAT B"];
  const products = categories.flatMap((category, c) =>
    Array.from({ length: perCat }, (_, i) => ({
      upc: 1000 + c * 100 + i,
      description: `${category} ITEM ${i}`,
      manufacturer: "SIM",
      category,
      subCategory: `${category} SUB ${i % 2}`,
      productSize: "1 EA",
    })),
  );
  const stores = Array.from({ length: nStores }, (_, i) => ({
    storeId: 100 + i,
    storeName: `STORE ${i}`,
    city: "SIM",
    state: "OH",
    segment: "MAINSTREAM",
  }));
  const level = new Map<string, number>();
  const basePrice = new Map<number, number>();
  for (const p of products) basePrice.set(p.upc, 2 + 3 * uniformFloat64(rng));
  for (const s of stores)
    for (const p of products)
      level.set(`${s.storeId}:${p.upc}`, Math.log(15 + 40 * uniformFloat64(rng)));
  const transactions: FratTransaction[] = [];
  for (let w = 0; w < weeks; w++) {
    const date = addDays("2009-01-14", 7 * w);
    const e =
      w >= (o.changeWeek ?? Number.POSITIVE_INFINITY)
        ? (o.elasticityAfter ?? -2)
        : (o.elasticity ?? -2);
    for (const s of stores) {
      for (const p of products) {
        const base = basePrice.get(p.upc)!;
        const promo = uniformFloat64(rng) < (o.promoRate ?? 0.25);
        const display = promo && uniformFloat64(rng) < 0.4 ? 1 : 0;
        const price = promo
          ? Math.round(base * (0.6 + 0.3 * uniformFloat64(rng)) * 100) / 100
          : base;
        const logMu =
          level.get(`${s.storeId}:${p.upc}`)! +
          e * Math.log(price / base) +
          (o.displayLift ?? 0.3) * display;
        const units = Math.max(1, Math.round(Math.exp(logMu + (o.noise ?? 0.2) * normal(rng))));
        transactions.push({
          weekEndDate: date,
          store: s.storeId,
          upc: p.upc,
          units,
          spend: units * price,
          price,
          basePrice: base,
          feature: 0,
          display: display as 0 | 1,
          tprOnly: promo && !display ? 1 : 0,
        });
      }
    }
  }
  return {
    transactions,
    products,
    stores,
    report: {
      rows: transactions.length,
      imputedPrice: 0,
      imputedBasePrice: 0,
      duplicateStoresDropped: 0,
    },
  };
}
