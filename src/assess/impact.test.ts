import { describe, expect, it } from "vitest";
import { cleanWeeks, findEvents } from "./events.js";
import { measureEvents } from "./impact.js";
import type { WeeklySeries } from "./series.js";
import { wilson } from "./summary.js";

const OPTS = { window: 8, postWeeks: 2, minCleanWeeks: 4 };
const RATES = { rate: 0.3, low: 0.2, high: 0.4 };

/** 20 weeks of one SKU in store S1 at 2.00 selling `units[w]`; `cut` weeks sell at 1.50. */
function series(
  sku: string,
  units: number[],
  cutWeeks: number[],
  unitCost: number | null = 1.4,
): WeeklySeries {
  const n = units.length;
  const weeks = [...Array(n).keys()];
  const cut = weeks.map((w) => cutWeeks.includes(w));
  return {
    sku,
    market: "US-OH",
    location: "S1",
    channel: "store",
    category: "CEREAL",
    subcategory: "ADULT",
    week: weeks,
    weekEnd: weeks.map((w) => `2010-01-${String(6 + w).padStart(2, "0")}`),
    units,
    price: weeks.map((w) => (cut[w] ? 1.5 : 2)),
    regular: weeks.map(() => 2),
    feature: weeks.map(() => false),
    display: weeks.map(() => false),
    cut,
    unitCost,
  };
}

const flat = (n: number, v: number) => Array<number>(n).fill(v);

describe("promotion events", () => {
  it("are runs of consecutive promoted weeks; the weeks right after are not clean", () => {
    const s = series("A", flat(20, 10), [5, 6, 12]);
    expect(findEvents(s).map((e) => [e.from, e.to, e.mechanic])).toEqual([
      [5, 6, "cut"],
      [12, 12, "cut"],
    ]);
    const clean = cleanWeeks(s, 2);
    expect([7, 8, 9].map((i) => clean[i])).toEqual([false, false, true]);
  });

  it("price the event, its dip and the sibling it cannibalised against their baselines", () => {
    const a = flat(20, 10);
    a[8] = 20;
    a[9] = 20;
    a[10] = 8; // the dip: 2 below the baseline
    const b = flat(20, 10);
    b[8] = 9;
    b[9] = 9; // the sibling lost one unit a week
    const { events, unassessed } = measureEvents(
      [series("A", a, [8, 9]), series("B", b, [])],
      OPTS,
      RATES,
    );
    expect(unassessed).toBe(0);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e.incrementalUnits).toBeCloseTo(20);
    expect(e.dipUnits).toBeCloseTo(-2);
    expect(e.cannibalUnits).toBeCloseTo(-2);
    // (1.5 − 1.4)·40 − 0.6·20 = −8; dip 0.6·(−2); sibling 0.6·(−2)
    expect(e.margin).toBeCloseTo(-8 - 1.2 - 1.2);
    expect(e.costAssumed).toBe(false);
    expect(e.marginAtLow).toBe(e.margin);
  });

  it("assume a margin rate where there is no cost, and show the sensitivity", () => {
    const a = flat(20, 10);
    a[8] = 30;
    const { events } = measureEvents([series("A", a, [8], null)], OPTS, RATES);
    const e = events[0]!;
    // cost = 2·(1 − m): m = 0.3 → (1.5 − 1.4)·30 − 0.6·10 = −3
    expect(e.margin).toBeCloseTo(-3);
    expect(e.marginAtLow).toBeCloseTo((1.5 - 1.6) * 30 - 0.4 * 10);
    expect(e.marginAtHigh).toBeCloseTo((1.5 - 1.2) * 30 - 0.8 * 10);
    expect(e.costAssumed).toBe(true);
  });

  it("are not measured without enough clean weeks around them", () => {
    const cuts = [...Array(20).keys()].filter((w) => w % 3 !== 0);
    const { events, unassessed } = measureEvents([series("A", flat(20, 10), cuts)], OPTS, RATES);
    expect(events).toHaveLength(0);
    expect(unassessed).toBeGreaterThan(0);
  });
});

describe("wilson", () => {
  it("gives the 90 % score interval", () => {
    const s = wilson(50, 100);
    expect(s.lower).toBeCloseTo(0.4188, 3);
    expect(s.upper).toBeCloseTo(0.5812, 3);
    expect(wilson(0, 0)).toEqual({ share: 0, lower: 0, upper: 1 });
  });
});
