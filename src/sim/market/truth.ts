import { Rng } from "../demo/rng.js";
import type { Calibration, Spread } from "./calibration-schema.js";
import type { MarketWorldSpec } from "./spec.js";

/** A SKU's hidden demand parameters. */
export interface SkuTruth {
  sku: string;
  category: string;
  regularPrice: number;
  unitCost: number;
  baseUnits: number;
  elasticity: number;
  logFeature: number;
  logDisplay: number;
  /** The week after a cut of depth d sells (1 − postPromoDip·d) of normal. */
  postPromoDip: number;
  trendPerYear: number;
}

/** The world's hidden truth for one seed: what the agents must learn and the oracle knows. */
export interface MarketTruth {
  seed: number;
  skus: Record<string, SkuTruth>;
  /** cannibalisation[a][b]: share of b's relative extra units that a loses while b is promoted. */
  cannibalisation: Record<string, Record<string, number>>;
  /** Week-of-year log index per category. */
  seasonality: Record<string, number[]>;
  /** Store size multiplier per store id. */
  storeSize: Record<string, number>;
  noiseSd: number;
  storeCorrelation: number;
  /** Our units ∝ (competitor price / its regular price)^crossElasticity. */
  crossElasticity: number;
  /** Chance a competitor answers our promotion of a SKU with its own cut the following week. */
  competitorReaction: number;
  /** Chance of an unprovoked competitor cut per SKU-week. */
  competitorPromoRate: number;
}

/** A draw around a calibrated spread, kept inside a widened 10–90 % range. */
function draw(rng: Rng, s: Spread, lo: number, hi: number): number {
  const width = s.p90 - s.p10;
  const x = s.mean + s.sd * rng.normal();
  return Math.min(
    hi,
    Math.max(lo, Math.min(s.p90 + 0.25 * width, Math.max(s.p10 - 0.25 * width, x))),
  );
}

/** Typical relative lift of a promoted sibling, used to turn the calibrated "all siblings promoted" loss into pair shares. */
const TYPICAL_SIBLING_LIFT = 0.6;

/** Draws one seed's hidden parameters from the calibrated distributions. */
export function drawTruth(seed: number, spec: MarketWorldSpec, cal: Calibration): MarketTruth {
  const skus: Record<string, SkuTruth> = {};
  const cannibalisation: Record<string, Record<string, number>> = {};
  const seasonality: Record<string, number[]> = {};
  for (const cat of spec.categories) {
    const c = cal.categories[cat.name];
    if (!c)
      throw new RangeError(
        `calibration has no category "${cat.name}" (has ${Object.keys(cal.categories).join(", ")})`,
      );
    seasonality[cat.name] = c.seasonality;
    for (const s of cat.skus) {
      const rng = Rng.of(seed, "truth", s.sku);
      skus[s.sku] = {
        sku: s.sku,
        category: cat.name,
        regularPrice: s.regularPrice,
        unitCost: Math.round(s.regularPrice * s.costRatio * 100) / 100,
        baseUnits: s.baseUnits,
        elasticity: draw(rng, c.elasticity, -4, -0.3),
        logFeature: draw(rng, c.logFeature, 0, 0.8),
        logDisplay: draw(rng, c.logDisplay, 0, 0.8),
        postPromoDip: draw(rng, c.postPromoDip, 0, 0.8),
        trendPerYear: rng.between(-0.05, 0.08),
      };
    }
    const pair =
      c.subcategoryCannibalisation.mean / Math.max(1, cat.skus.length - 1) / TYPICAL_SIBLING_LIFT;
    for (const a of cat.skus) {
      cannibalisation[a.sku] = {};
      for (const b of cat.skus)
        if (a.sku !== b.sku)
          cannibalisation[a.sku]![b.sku] =
            pair * Rng.of(seed, "cannibal", a.sku, b.sku).lognormal(0.4);
    }
  }
  const storeSize: Record<string, number> = {};
  for (const m of spec.markets)
    for (let i = 1; i <= m.stores; i++)
      storeSize[storeId(m.id, i)] = Rng.of(seed, "store", m.id, i).between(0.7, 1.4);
  const g = Rng.of(seed, "competition");
  return {
    seed,
    skus,
    cannibalisation,
    seasonality,
    storeSize,
    noiseSd: cal.noiseSd,
    storeCorrelation: Math.max(0, cal.storeCorrelation),
    crossElasticity: g.between(0.3, 0.7),
    competitorReaction: g.between(0.15, 0.4),
    competitorPromoRate: 0.03,
  };
}

/** Store id `<market>-S<nn>`. */
export const storeId = (market: string, i: number): string =>
  `${market}-S${String(i).padStart(2, "0")}`;
