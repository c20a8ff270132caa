import type { ConsumerSignalFeedRow } from "../../domain/feeds.js";
import { addDays, yearFraction } from "./calendar.js";
import { PLAN } from "./planted-plan.js";
import { Rng } from "./rng.js";
import type { World } from "./world.js";

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Mean temperature (°C) and seasonal swing per market, for the weather index. */
const CLIMATE: Record<string, { mean: number; swing: number }> = {
  "US-EAST": { mean: 13, swing: 12 },
  UK: { mean: 11, swing: 7 },
  DE: { mean: 10, swing: 10 },
  CA: { mean: 8, swing: 14 },
};

/** SKUs people post about, per market, and a typical weekly mention count. */
const SOCIAL_SKUS = 8;
const MENTION_TEMPLATES = [
  (n: string) => `Picked up ${n} again, still my go-to.`,
  (n: string) => `Anyone else think ${n} got smaller?`,
  (n: string) => `${n} was on the shelf at last, had to grab two.`,
  (n: string) => `Not sure ${n} is worth the price anymore.`,
  (n: string) => `Kids keep asking for ${n}.`,
];

/** A ramp factor for the last weeks of a planted series (1 before it starts). */
function ramp(world: World, w: number, factors: readonly number[]): number {
  const k = w - (world.last - factors.length + 1);
  return k >= 0 ? (factors[k] ?? 1) : 1;
}

/**
 * Weekly search interest per category and market (an index around 50 that follows the category's
 * true underlying demand: trend and season, not our promotions), dated on the week end.
 */
export function searchInterestRows(world: World): ConsumerSignalFeedRow[] {
  const rows: ConsumerSignalFeedRow[] = [];
  const categories = [...new Set(world.products.map((p) => p.product.category))];
  for (const m of world.markets) {
    const id = m.market.id;
    for (const category of categories) {
      const members = world.products.filter((p) => p.product.category === category);
      const level = (w: number): number =>
        members.reduce(
          (s, p) =>
            s +
            p.baseUnits *
              Math.exp(((world.truth.trendPerYear[p.product.sku] ?? 0) * (w - world.last)) / 52) *
              world.season(id, p.product.sku, w),
          0,
        );
      let mean = 0;
      for (let w = 0; w < world.weeks; w++) mean += level(w) / world.weeks;
      const rng = Rng.of(world.seed, "search", id, category);
      for (let w = 0; w < world.weeks; w++) {
        const planted =
          id === PLAN.spike.market && category === "snacks"
            ? ramp(world, w, PLAN.spike.searchRamp)
            : 1;
        rows.push({
          category,
          market: id,
          kind: "search_interest",
          value: round1((50 * level(w) * rng.lognormal(0.04) * planted) / mean),
          observedAt: world.weekEnd(id, w),
          uom: "unit",
        });
      }
    }
  }
  return rows;
}

/** A weekly weather index per market: the week's mean temperature in °C. */
export function weatherRows(world: World): ConsumerSignalFeedRow[] {
  const rows: ConsumerSignalFeedRow[] = [];
  for (const m of world.markets) {
    const c = CLIMATE[m.market.id] ?? { mean: 10, swing: 10 };
    const rng = Rng.of(world.seed, "weather", m.market.id);
    for (let w = 0; w < world.weeks; w++) {
      const date = world.weekEnd(m.market.id, w);
      const temp =
        c.mean + c.swing * Math.cos(2 * Math.PI * (yearFraction(date) - 0.55)) + 2 * rng.normal();
      rows.push({
        market: m.market.id,
        kind: "weather_index",
        value: round1(temp),
        observedAt: date,
        uom: "unit",
      });
    }
  }
  return rows;
}

/** Weekly social-media mention counts for a few SKUs per market, each with a sample post (UTC timestamps). */
export function socialMentionRows(world: World): ConsumerSignalFeedRow[] {
  const rows: ConsumerSignalFeedRow[] = [];
  for (const m of world.markets) {
    const id = m.market.id;
    const pick = Rng.of(world.seed, "social-skus", id);
    const skus = pick.sample(
      world.products.map((p) => p.product.sku),
      SOCIAL_SKUS,
    );
    if (id === PLAN.spike.market && !skus.includes(PLAN.spike.sku)) skus[0] = PLAN.spike.sku;
    skus.sort();
    for (const sku of skus) {
      const p = world.products.find((q) => q.product.sku === sku);
      if (!p) continue;
      const rng = Rng.of(world.seed, "social", id, sku);
      const typical = rng.between(20, 60);
      const short =
        `${p.product.brand ?? ""} ${p.product.name.replace(`${p.product.brand ?? ""} `, "").replace(` ${p.product.packSize ?? ""}`, "")}`.trim();
      for (let w = 0; w < world.weeks; w++) {
        const planted =
          id === PLAN.spike.market && sku === PLAN.spike.sku
            ? ramp(world, w, PLAN.spike.mentionsRamp)
            : 1;
        const text =
          planted > 1
            ? `Everyone is posting about ${short}, finally tried them and the hype is real.`
            : rng.pick(MENTION_TEMPLATES)(short);
        rows.push({
          sku,
          market: id,
          kind: "social_mentions",
          value: Math.round(typical * rng.lognormal(0.12) * planted),
          text,
          observedAt: `${addDays(world.weekEnd(id, w), -1)}T18:30:00Z`,
          uom: "unit",
        });
      }
    }
  }
  return rows;
}
