import { describe, expect, it } from "vitest";
import {
  generateDemoMarket,
  meanOver,
  readSeries,
  weeksBefore,
  type DemoMarket,
  type PlantedSituation,
} from "./index.js";

/**
 * Each planted situation is re-measured from the source rows alone (not the simulator's arrays), and
 * nothing else in the final weeks may cross the same line, so perception precision can be scored.
 */
function byKind(demo: DemoMarket, kind: PlantedSituation["kind"]): PlantedSituation {
  const s = demo.planted.find((p) => p.kind === kind);
  if (!s) throw new Error(`no ${kind} planted`);
  return s;
}

describe.each([1, 2, 3])("planted situations, seed %i", (seed) => {
  const demo = generateDemoMarket({ seed });
  const series = readSeries(demo);
  const last = (market: string): string => demo.lastWeekEnds[market] ?? "";
  const category = new Map(demo.products.map((p) => [p.sku, p.category]));
  const stores = demo.locations.filter((l) => l.kind === "store");

  it("lists exactly the four kinds, each clearing its threshold", () => {
    expect(demo.planted.map((p) => p.kind)).toEqual([
      "excess_stock",
      "competitor_price_drop",
      "demand_spike",
      "supply_shortfall",
    ]);
    for (const p of demo.planted) {
      const ok =
        p.kind === "supply_shortfall"
          ? p.magnitude.value <= p.magnitude.threshold
          : p.magnitude.value >= p.magnitude.threshold;
      expect(ok, `${p.kind} ${p.magnitude.value}`).toBe(true);
    }
  });

  /** Store weeks of cover at a week end: on-hand over mean units of the 8 weeks to it. */
  const cover = (market: string, store: string, sku: string, back = 0): number => {
    const sold = meanOver(
      series.units.get(`${market}|${store}|${sku}`),
      weeksBefore(last(market), back, 8),
    );
    return (
      (series.onHand.get(`${store}|${sku}`)?.get(weeksBefore(last(market), back, 1)[0] ?? "") ??
        0) / sold
    );
  };

  it("excess stock: every SKU of the category in every store of the market holds ≥ 12 weeks of cover, nothing else > 6", () => {
    const p = byKind(demo, "excess_stock");
    const hit: number[] = [];
    const rest: number[] = [];
    for (const st of stores) {
      for (const sku of category.keys()) {
        for (let back = 0; back < 4; back++) {
          const c = cover(st.marketId, st.id, sku, back);
          (st.marketId === p.market && category.get(sku) === p.category ? hit : rest).push(c);
        }
      }
    }
    expect(Math.min(...hit)).toBeGreaterThanOrEqual(12);
    expect(Math.max(...rest)).toBeLessThan(6);
    expect(p.magnitude.value).toBeCloseTo(Math.min(...hit.filter((_, i) => i % 4 === 0)), 1);
    expect(p.weeks).toContain(last(p.market));
  });

  it("competitor price drop: ≥ 20 % under our regular price with promo text, and no other recent row under 85 %", () => {
    const p = byKind(demo, "competitor_price_drop");
    const alias = new Map(demo.skuAliases.map((a) => [`${a.source}|${a.code}`, a.sku]));
    const regular = new Map(demo.marketPrices.map((m) => [`${m.market}|${m.sku}`, m.regularPrice]));
    let planted = 0;
    for (const r of demo.feeds.competitor_price.flatMap((b) => b.rows)) {
      const sku = r.sku ?? alias.get(`${r.competitor}|${r.competitorProduct}`) ?? "";
      const ratio = r.price / (regular.get(`${r.market}|${sku}`) ?? NaN);
      const recent = r.observedAt.slice(0, 10) > weeksBefore(last(r.market), p.weeks.length, 1)[0]!;
      if (recent && r.competitor === p.competitor && sku === p.sku && r.market === p.market) {
        planted++;
        expect(ratio).toBeLessThanOrEqual(0.8);
        expect(r.promoText).toBeTruthy();
      } else if (r.observedAt.slice(0, 10) > weeksBefore(last(r.market), 8, 1)[0]!) {
        expect(ratio, `${r.competitor} ${sku}`).toBeGreaterThan(0.85);
        expect(r.promoText).toBeUndefined();
      }
    }
    expect(planted).toBe(p.weeks.length);
  });

  it("demand spike: ≥ 2.5× baseline at regular price with rising signals; no unpromoted SKU elsewhere above 1.6×", () => {
    const p = byKind(demo, "demand_spike");
    const baseWeeks = weeksBefore(last(p.market), 2, 8);
    const marketUnits = (market: string, sku: string, dates: readonly string[]): number =>
      [...stores.filter((s) => s.marketId === market).map((s) => s.id), "web"].reduce(
        (sum, loc) => sum + meanOver(series.units.get(`${market}|${loc}|${sku}`), dates),
        0,
      );
    const ratio =
      marketUnits(p.market, p.sku!, [last(p.market)]) / marketUnits(p.market, p.sku!, baseWeeks);
    expect(ratio).toBeGreaterThanOrEqual(2.5);
    expect(p.magnitude.value).toBeCloseTo(ratio, 1);
    expect(series.promoted.get(`${p.market}|${p.sku}`)?.has(last(p.market)) ?? false).toBe(false);
    const signal = (kind: string, match: (r: { sku?: string; category?: string }) => boolean) =>
      demo.feeds.consumer_signal
        .flatMap((b) => b.rows)
        .filter((r) => r.kind === kind && r.market === p.market && match(r))
        .map((r) => r.value);
    const rise = (v: number[]): number =>
      (v.at(-1) ?? 0) / (v.slice(-11, -3).reduce((a, b) => a + b, 0) / 8);
    expect(
      rise(signal("search_interest", (r) => r.category === p.category)),
    ).toBeGreaterThanOrEqual(1.5);
    expect(rise(signal("social_mentions", (r) => r.sku === p.sku))).toBeGreaterThanOrEqual(5);

    for (const m of demo.markets) {
      for (const sku of category.keys()) {
        if (m.id === p.market && sku === p.sku) continue;
        const promoted = series.promoted.get(`${m.id}|${sku}`) ?? new Set<string>();
        const clean = weeksBefore(last(m.id), 2, 8).filter(
          (d, i, all) => !promoted.has(d) && !promoted.has(weeksBefore(d, 1, 1)[0]!) && all,
        );
        for (const d of weeksBefore(last(m.id), 0, 2)) {
          if (promoted.has(d) || clean.length < 3) continue;
          expect(
            marketUnits(m.id, sku, [d]) / marketUnits(m.id, sku, clean),
            `${m.id} ${sku} ${d}`,
          ).toBeLessThan(1.6);
        }
      }
    }
  });

  it("supply shortfall: plan ≤ 50 % of demand ahead with low stock; every other SKU plans ≥ 65 % of last year's same weeks", () => {
    const p = byKind(demo, "supply_shortfall");
    const production = demo.feeds.production.flatMap((b) => b.rows);
    const lastPlantWeek = last(p.market);
    // Units across every market, store and web shop, over the n weeks ending `back` weeks before each market's last week.
    const networkUnits = (sku: string, back: number, n: number): number =>
      [...series.units.entries()]
        .filter(([k]) => k.endsWith(`|${sku}`))
        .reduce(
          (s, [k, v]) => s + meanOver(v, weeksBefore(last(k.split("|")[0] ?? ""), back, n)) * n,
          0,
        );
    for (const sku of category.keys()) {
      const planned = production
        .filter((r) => r.sku === sku && r.date > lastPlantWeek)
        .reduce((s, r) => s + r.plannedUnits, 0);
      // A seasonal-naive forecast: the same 8 weeks one year earlier (week ends shift by 364 days).
      const ratio = planned / networkUnits(sku, 52 - 8, 8);
      if (sku === p.sku) {
        expect(ratio).toBeLessThanOrEqual(0.5);
        expect(planned / networkUnits(sku, 4, 8)).toBeLessThanOrEqual(0.5);
      } else expect(ratio, sku).toBeGreaterThanOrEqual(0.65);
    }
    const covers = stores.map((s) => cover(s.marketId, s.id, p.sku!)).sort((a, b) => a - b);
    expect(covers[Math.floor(covers.length / 2)]).toBeLessThan(1);
    expect(p.weeks).toHaveLength(8);
  });
});
