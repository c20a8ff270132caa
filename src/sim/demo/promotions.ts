import type { MarketSpec, ProductSpec } from "./catalog.js";
import { HORIZON_WEEKS, isQuietSubject, PLAN } from "./planted-plan.js";
import { Rng } from "./rng.js";

/** One promoted week of one SKU in one market. `depth` 0 means display/feature without a price cut. */
export interface PromoWeek {
  depth: number;
  feature: boolean;
  /** Stores that built a display (displays are executed store by store). */
  displayStores: ReadonlySet<string>;
}

/** Promotions per `${market}|${sku}`, one slot per week of history and of the planned horizon ahead. */
export type PromoPlan = ReadonlyMap<string, readonly (PromoWeek | undefined)[]>;

const DEPTHS = [0.1, 0.15, 0.2, 0.25, 0.3] as const;

/**
 * A retailer's promo calendar: every SKU promoted every 5–11 weeks, 1–2 weeks at a time, per market.
 * It runs HORIZON_WEEKS past the history because plants schedule for promotions already planned;
 * those future promotions never appear in any feed.
 */
export function planPromotions(
  seed: number,
  markets: readonly MarketSpec[],
  products: readonly ProductSpec[],
  weeks: number,
): PromoPlan {
  const plan = new Map<string, (PromoWeek | undefined)[]>();
  for (const m of markets) {
    for (const p of products) {
      const rng = Rng.of(seed, "promo", m.market.id, p.product.sku);
      const slots: (PromoWeek | undefined)[] = Array.from(
        { length: weeks + HORIZON_WEEKS },
        () => undefined,
      );
      // Quiet subjects must end their last promotion (and its dip) well before the planted weeks.
      const lastStart = isQuietSubject(m.market.id, p.product.sku, p.product.category)
        ? weeks - PLAN.quietWeeks - 2
        : weeks + HORIZON_WEEKS - 1;
      let w = rng.int(0, 8);
      while (w <= lastStart) {
        const length = rng.chance(0.7) ? 1 : 2;
        const priceCut = rng.chance(0.9);
        const depth = priceCut ? rng.pick(DEPTHS) : 0;
        const feature = priceCut ? rng.chance(0.5) : true;
        const displayed = rng.chance(priceCut ? 0.45 : 1);
        const displayStores = new Set(
          displayed ? m.stores.filter(() => rng.chance(0.75)).map((s) => s.id) : [],
        );
        for (let k = 0; k < length && w + k <= lastStart; k++)
          slots[w + k] = { depth, feature, displayStores };
        w += length + rng.int(5, 11);
      }
      plan.set(`${m.market.id}|${p.product.sku}`, slots);
    }
  }
  return plan;
}
