import { Rng } from "../../src/sim/demo/rng.js";
import type { Dataset } from "../../src/store/index.js";

/** The small world's last retail week (a Saturday) and the clock just after it, like the demo's. */
export const LAST_WEEK = "2026-11-21";
export const SMALL_WORLD_NOW = "2026-11-22T12:00:00Z";
export const MARKET = "M1";
const STORES = [
  { id: "M1-S1", size: 1 },
  { id: "M1-S2", size: 0.8 },
];
export const PLANT = "M1-P1";
export const SKUS = {
  pantry: ["P-01", "P-02", "P-03", "P-04"],
  dairy: ["D-01", "D-02", "D-03"],
} as const;
const ALL: string[] = [...SKUS.pantry, ...SKUS.dairy];

/**
 * What a case plants in an otherwise ordinary world. Every knob is a construction fact the labels
 * are read from: e.g. `storeCover` sets the latest count to that many weeks of *expected* demand.
 */
export interface WorldSpec {
  seed: number;
  weeks?: number;
  /** Yearly season amplitude per SKU (default ≤ 0.08) and the year fraction of its peak. */
  season?: Record<string, { amp: number; peakAtLastWeek: boolean }>;
  /** Log-trend per year per SKU (default −0.05..0.08). */
  trend?: Record<string, number>;
  /** Demand multipliers for the last weeks of a SKU (oldest first, ending at the last week). */
  demandLast?: Record<string, number[]>;
  /** SKUs promoted (price cut 25 % + feature, lift × 2) at these weeks back from the last (0 = last). */
  promoteBack?: Record<string, number[]>;
  /** Latest store on-hand in weeks of expected demand (default 1.5–2.5), and the warehouse's. */
  storeCover?: Record<string, number>;
  dcCover?: Record<string, number>;
  /** Planned production over the demand plants expect ahead (the last 8 weeks' mean; default ≈ 1), or per week ahead (first = next week). */
  planAhead?: Record<string, number | readonly number[]>;
  /** Competitor price over our regular price, `weeksAgo` weeks before the last (observations after it are normal). */
  competitor?: Record<string, { ratio: number; weeksAgo?: number }>;
}

const YEAR = 365.25 / 7;
const addDays = (iso: string, d: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);

/** Builds a one-market, two-store, seven-SKU dataset from the spec (deterministic per seed). */
export function smallWorld(spec: WorldSpec): Dataset {
  const weeks = spec.weeks ?? 104;
  const last = weeks - 1;
  const date = (w: number): string => addDays(LAST_WEEK, 7 * (w - last));
  const rng = Rng.of(spec.seed, "small-world");
  const price = new Map(ALL.map((s) => [s, Math.round(rng.between(2, 5) * 10) / 10 - 0.01]));
  const base = new Map(ALL.map((s) => [s, rng.between(40, 110)]));
  const trend = new Map(ALL.map((s) => [s, spec.trend?.[s] ?? rng.between(-0.05, 0.08)]));
  const season = new Map(
    ALL.map((s) => [s, spec.season?.[s] ?? { amp: rng.between(0, 0.08), peakAtLastWeek: false }]),
  );
  const phase = new Map(
    ALL.map((s) => [s, season.get(s)!.peakAtLastWeek ? last : rng.between(0, YEAR)]),
  );
  // Regular promotions every 6–10 weeks, ending 10 weeks before the end so the last weeks are the case's own.
  const promo = new Map(
    ALL.map((s) => {
      const set = new Set<number>();
      for (let w = rng.int(0, 6); w < last - 10; w += rng.int(6, 10)) set.add(w);
      for (const b of spec.promoteBack?.[s] ?? []) set.add(last - b);
      return [s, set];
    }),
  );
  const expected = (s: string, w: number): number => {
    const sea = season.get(s)!;
    const mods = spec.demandLast?.[s] ?? [];
    const k = w - (last - mods.length + 1);
    return (
      (base.get(s) ?? 50) *
      Math.exp(((trend.get(s) ?? 0) * (w - last)) / 52) *
      (1 + sea.amp * Math.cos((2 * Math.PI * (w - (phase.get(s) ?? 0))) / YEAR)) *
      (k >= 0 && k < mods.length ? mods[k]! : 1)
    );
  };
  const recentMean = (s: string): number =>
    Array.from({ length: 8 }, (_, k) => expected(s, last - k)).reduce((a, b) => a + b, 0) / 8;
  const sales: object[] = [];
  for (const s of ALL) {
    for (let w = 0; w <= last; w++) {
      const on = promo.get(s)!.has(w);
      const after = promo.get(s)!.has(w - 1) && !on;
      for (const st of STORES) {
        const units = Math.round(
          expected(s, w) * st.size * (on ? 2 : after ? 0.85 : 1) * rng.lognormal(0.1),
        );
        const regular = price.get(s)!;
        sales.push({
          sku: s,
          location: st.id,
          date: date(w),
          granularity: "week",
          units,
          regularPrice: regular,
          pricePaid: on ? Math.round(regular * 75) / 100 : regular,
          feature: on,
          tpr: on,
        });
      }
    }
  }
  const inventory: object[] = [];
  for (let w = last - 3; w <= last; w++) {
    for (const s of ALL) {
      const cover = (w === last ? spec.storeCover?.[s] : undefined) ?? rng.between(1.5, 2.5);
      const dc = (w === last ? spec.dcCover?.[s] : undefined) ?? 2;
      for (const st of STORES)
        inventory.push({
          sku: s,
          location: st.id,
          asOf: date(w),
          onHand: Math.round(cover * expected(s, w + 1) * st.size),
          inTransit: Math.round(expected(s, w + 1) * st.size * 0.8),
          onOrder: 0,
        });
      inventory.push({
        sku: s,
        location: "M1-DC1",
        asOf: date(w),
        onHand: Math.round(dc * expected(s, w + 1) * 1.8),
        inTransit: Math.round(expected(s, w + 1) * 1.8 * 0.5),
        onOrder: 0,
      });
    }
  }
  const production: object[] = [];
  for (const s of ALL) {
    for (let w = last - 3; w <= last + 8; w++) {
      // Past weeks were made to that week's demand; ahead, plants plan to the mean of the last 8
      // weeks' (a one-week spike or dip barely moves it, a level held for weeks carries on).
      const demand = (w <= last ? expected(s, w) : recentMean(s)) * 1.8;
      const ahead = spec.planAhead?.[s] ?? 1;
      const factor = w <= last ? 1 : typeof ahead === "number" ? ahead : (ahead[w - last - 1] ?? 1);
      production.push({
        plant: PLANT,
        sku: s,
        date: date(w),
        plannedUnits: Math.round(demand * factor * rng.lognormal(0.03)),
        capacityUnits: Math.round((base.get(s) ?? 50) * 1.8 * 1.6),
      });
    }
  }
  const competitorRows: object[] = [];
  for (const s of ALL) {
    for (let w = last - 11; w <= last; w++) {
      const c = spec.competitor?.[s];
      const ratio =
        c && w === last - (c.weeksAgo ?? 0)
          ? c.ratio
          : c && (c.weeksAgo ?? 0) === 0 && w === last - 1
            ? c.ratio
            : rng.between(0.92, 1.05);
      competitorRows.push({
        competitor: "Rival",
        competitorProduct: `R-${s}`,
        sku: s,
        market: MARKET,
        price: Math.round(price.get(s)! * ratio * 100) / 100,
        observedAt: `${addDays(date(w), -1)}T10:00:00Z`,
      });
    }
  }
  const signals: object[] = [];
  for (const category of Object.keys(SKUS))
    for (let w = 0; w <= last; w++)
      signals.push({
        market: MARKET,
        kind: "search_interest",
        category,
        value: Math.round(50 * rng.lognormal(0.05) * 10) / 10,
        observedAt: date(w),
      });
  return {
    markets: [
      {
        id: MARKET,
        name: "Small market",
        region: "Test",
        currency: "USD",
        timeZone: "America/New_York",
        weekEndsOn: "saturday",
      },
    ],
    locations: [
      ...STORES.map((s) => ({ id: s.id, marketId: MARKET, kind: "store" })),
      { id: "M1-DC1", marketId: MARKET, kind: "warehouse" },
      { id: PLANT, marketId: MARKET, kind: "plant" },
    ],
    products: ALL.map((s) => ({
      sku: s,
      name: `Product ${s}`,
      category: (SKUS.pantry as readonly string[]).includes(s) ? "pantry" : "dairy",
      regularPrice: price.get(s),
      currency: "USD",
      casePack: 6,
    })),
    skuAliases: [],
    fxRates: [],
    feeds: {
      sales: [{ source: "pos", rows: sales }],
      inventory: [{ source: "erp", rows: inventory }],
      production: [{ source: "erp", rows: production }],
      competitor_price: [{ source: "pricewatch", rows: competitorRows }],
      consumer_signal: [{ source: "trends", rows: signals }],
    },
  };
}
