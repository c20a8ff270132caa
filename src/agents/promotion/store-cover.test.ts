import { describe, expect, it } from "vitest";
import type { StoreStock } from "../inventory/types.js";
import { STORE_WEEK_Z, storeCoverAvailable, storeCoverOf } from "./store-cover.js";

/** Four stores selling 25 a week each, ending the week with `onHand`, the DC holding `warehouse`. */
const stock = (onHand: number[], warehouse: number, cv = 0): StoreStock => ({
  stores: onHand.map((_, i) => `S${i + 1}`),
  onHand,
  weeklySales: onHand.map(() => 25),
  weeklySalesCv: onHand.map(() => cv),
  warehouse,
});

describe("storeCoverOf", () => {
  it("splits the market by each store's sales and reads the cover stores order up to", () => {
    const c = storeCoverOf({
      ...stock([25, 25, 50, 50], 0, 0.2),
      weeklySales: [10, 30, 30, 30],
      weeklySalesCv: [0.6, 0.2, 0.2, undefined],
    })!;
    expect([...c.share]).toEqual([0.1, 0.3, 0.3, 0.3]);
    // Covers 2.5, 0.83, 1.67, 1.67 weeks: the median store's 1.67 plus the week it sells.
    expect(c.orderCover).toBeCloseTo(1 + 50 / 30, 6);
    // Share-weighted over the stores with a CV: (0.1 · 0.6 + 0.6 · 0.2) / 0.7.
    expect(c.storeCv).toBeCloseTo(0.18 / 0.7, 6);
  });

  it("has nothing to say without stores or sales", () => {
    expect(storeCoverOf(undefined)).toBeUndefined();
    expect(storeCoverOf(stock([], 500))).toBeUndefined();
    expect(storeCoverOf({ ...stock([10, 10], 500), weeklySales: [0, 0] })).toBeUndefined();
  });
});

describe("storeCoverAvailable", () => {
  it("passes a week every store can be stocked for from its shelf and the DC", () => {
    // 200 promoted units a week, 50 a store; stores order up to 2 weeks (100 each).
    const c = storeCoverOf(stock([25, 25, 25, 25], 400))!;
    const got = storeCoverAvailable(1, c, [], 200, 10);
    expect(got).toBeGreaterThanOrEqual(220);
  });

  it("refuses when the market's total would do but the stock sits in one store", () => {
    const even = storeCoverOf(stock([60, 60, 60, 60], 60))!;
    const piled = storeCoverOf(stock([240, 0, 0, 0], 60))!;
    // Same 300 units in the market for a 200-unit week (220 with the safety margin).
    expect(storeCoverAvailable(1, even, [], 200, 10)).toBeGreaterThanOrEqual(220);
    const got = storeCoverAvailable(1, piled, [], 200, 10);
    // Three stores share 60 units: 20 each against the 55 each must hold.
    expect(got).toBeLessThan(220);
    expect(got).toBe(Math.round(220 * (20 / 55)));
  });

  it("counts production as it arrives, week by week", () => {
    const c = storeCoverOf(stock([0, 0, 0, 0], 300))!;
    // Two weeks of 200: week 1 fills 300 of 400 ordered; week 2 needs the arrivals.
    const short = storeCoverAvailable(2, c, [0], 400, 10);
    const fed = storeCoverAvailable(2, c, [400], 400, 10);
    expect(short).toBeLessThan(440);
    expect(fed).toBeGreaterThanOrEqual(440);
    // Arrivals after the run's last week do not help it.
    expect(storeCoverAvailable(1, c, [1000], 200, 10)).toBe(storeCoverAvailable(1, c, [], 200, 10));
  });

  it("never passes what the written rule refuses: units and margin within the market's stock", () => {
    // Two weeks of 100 (220 with the margin): every store-week is covered from 215 units, since
    // each week's margin is carried into the next, but the market holds less than the rule asks.
    const c = storeCoverOf(stock([0, 0, 0, 0], 215))!;
    expect(storeCoverAvailable(2, c, [], 200, 10)).toBe(215);
    // No promotion: what the stores and the DC hold and receive in time.
    expect(storeCoverAvailable(2, c, [50, 50], 0, 10)).toBe(265);
  });

  it("asks more of stores whose weeks swing more", () => {
    const calm = storeCoverOf(stock([20, 20, 20, 20], 220, 0))!;
    const wild = storeCoverOf(stock([20, 20, 20, 20], 220, 0.4))!;
    // Each store gets 20 + 55 = 75 against 50 sold: enough for 50 × 1.1, not 50 × (1.1 + z · 0.4).
    expect(storeCoverAvailable(1, calm, [], 200, 10)).toBeGreaterThanOrEqual(220);
    expect(storeCoverAvailable(1, wild, [], 200, 10)).toBe(
      Math.round(220 * (75 / (50 * (1.1 + STORE_WEEK_Z * 0.4)))),
    );
  });
});
