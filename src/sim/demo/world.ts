import { addDays, lastWeekdayOnOrBefore, yearFraction } from "./calendar.js";
import {
  buildProducts,
  MARKET_SPECS,
  SEASONALITY,
  type MarketSpec,
  type ProductSpec,
} from "./catalog.js";
import { HORIZON_WEEKS } from "./planted-plan.js";
import { planPromotions, type PromoPlan } from "./promotions.js";
import { Rng } from "./rng.js";

/** The hidden demand model the data is drawn from, exported so evals can score estimated models against it. */
export interface DemandTruth {
  /** Own-price elasticity per SKU (units ∝ (price / regular)^elasticity). */
  elasticity: Record<string, number>;
  /** Yearly log-trend per SKU (0.05 ≈ +5 % a year). */
  trendPerYear: Record<string, number>;
  featureLift: number;
  displayLift: number;
  /** A promoted sibling in the same subcategory takes this share of its extra units from each other SKU. */
  cannibalisation: number;
  /** The week after a price cut of depth d sells (1 − postPromoDip × d) of normal. */
  postPromoDip: number;
  /** Log-scale standard deviation of weekly store-level noise. */
  noiseSd: number;
  /** Ecommerce demand relative to an average store. */
  webShare: number;
}

/** Everything generation needs, derived once from the options. */
export interface World {
  seed: number;
  weeks: number;
  /** The last calendar day covered: each market's last week is the latest one ending on or before it. */
  endDate: string;
  markets: readonly MarketSpec[];
  products: readonly ProductSpec[];
  truth: DemandTruth;
  promos: PromoPlan;
  /** Local regular price per `${market}|${sku}`. */
  prices: ReadonlyMap<string, number>;
  /** Week index of the last history week (weeks − 1). */
  last: number;
  /** Market week-ending date for week index `w` (negative or beyond `last` extrapolates). */
  weekEnd(marketId: string, w: number): string;
  /** Yearly seasonality factor for a SKU in week `w` of a market. */
  season(marketId: string, sku: string, w: number): number;
}

/** A local shelf price: USD × factor, rounded to a .x9 price point. */
export function localPrice(usd: number, factor: number): number {
  return Math.max(0.49, Math.round(usd * factor * 10) / 10 - 0.01);
}

/** Assembles the world for one seed, length and end date. */
export function buildWorld(seed: number, weeks: number, endDate: string): World {
  const products = buildProducts((sku) => Rng.of(seed, "cost", sku).between(0.55, 0.7));
  const markets = MARKET_SPECS;
  const truth: DemandTruth = {
    elasticity: {},
    trendPerYear: {},
    featureLift: 1.35,
    displayLift: 1.6,
    cannibalisation: 0.06,
    postPromoDip: 0.5,
    noiseSd: 0.12,
    webShare: 0.6,
  };
  for (const p of products) {
    const rng = Rng.of(seed, "truth", p.product.sku);
    truth.elasticity[p.product.sku] =
      Math.round(Math.min(-1.4, Math.max(-2.7, -2 + 0.3 * rng.normal())) * 100) / 100;
    truth.trendPerYear[p.product.sku] = Math.round(rng.between(-0.08, 0.12) * 1000) / 1000;
  }
  const prices = new Map<string, number>();
  for (const m of markets)
    for (const p of products)
      prices.set(
        `${m.market.id}|${p.product.sku}`,
        localPrice(p.product.regularPrice ?? 1, m.priceFactor),
      );

  const lastEnds = new Map(
    markets.map((m) => [m.market.id, lastWeekdayOnOrBefore(endDate, m.market.weekEndsOn)]),
  );
  const bySku = new Map(products.map((p) => [p.product.sku, p]));
  const last = weeks - 1;
  const weekEndCache = new Map<string, string>();
  const weekEnd = (marketId: string, w: number): string => {
    const key = `${marketId}|${w}`;
    let d = weekEndCache.get(key);
    if (d === undefined)
      weekEndCache.set(key, (d = addDays(lastEnds.get(marketId) ?? endDate, 7 * (w - last))));
    return d;
  };
  const seasonCache = new Map<string, number>();
  const season = (marketId: string, sku: string, w: number): number => {
    const key = `${marketId}|${sku}|${w}`;
    let v = seasonCache.get(key);
    if (v === undefined) {
      const s = SEASONALITY[bySku.get(sku)?.subcategory ?? ""] ?? { amp: 0, peak: 0 };
      v = 1 + s.amp * Math.cos(2 * Math.PI * (yearFraction(weekEnd(marketId, w)) - s.peak));
      seasonCache.set(key, v);
    }
    return v;
  };
  const promos = planPromotions(seed, markets, products, weeks);
  return { seed, weeks, endDate, markets, products, truth, promos, prices, last, weekEnd, season };
}

/** Number of week slots the demand curves cover: history, the production horizon, and ordering look-ahead. */
export const curveLength = (world: World): number => world.weeks + HORIZON_WEEKS + 4;
