import { describe, expect, it } from "vitest";
import { violations, type KnownConstraints } from "../agents/promotion/constraints.js";
import { designEffect } from "../agents/promotion/effects.js";
import { availableFor, predictPoint, type SkuMarketContext } from "../agents/promotion/simulate.js";
import { storeCoverOf } from "../agents/promotion/store-cover.js";
import type { Scenario } from "../domain/scenario.js";
import { loadPolicy } from "../policies/index.js";
import { Rng } from "../sim/demo/rng.js";
import { t90 } from "./measure.js";

const ctx: SkuMarketContext = {
  sku: "A",
  market: "M",
  regularPrice: 4,
  unitCost: 2,
  baselineWeekly: [100, 100, 100, 100],
  storeShare: 1,
  stores: 8,
  hasWebShop: false,
  siblingWeeklyUnits: 0,
  siblingUnitMargin: 0,
  stockAvailable: 10_000,
  stockOnHand: 300,
  arrivalsWeekly: [100, 100, 100, 100],
  excessUnits: 0,
  excessWeeks: 0,
};
const scenario = (weeks: number, startDate = "2025-03-02"): Scenario => ({
  id: `s${weeks}`,
  sku: "A",
  category: "C",
  market: "M",
  mechanic: "tpr",
  depthPct: 20,
  weeks,
  startDate,
  channels: ["store"],
});
const effects = {
  category: "C",
  elasticityBySku: {},
  categoryElasticity: { mean: -2, sd: 0.1 },
  feature: { mean: 0.3, sd: 0.05 },
  display: { mean: 0.2, sd: 0.05 },
  postPromoDip: 0,
  cannibalisation: 0,
  residualSd: 0.3,
  promoRows: 100,
  version: "t",
};

describe("supply guardrail sizing", () => {
  it("counts stock on hand plus only the production that arrives before the promotion's last week, less a week on the shelves", () => {
    expect(availableFor(1, ctx)).toBe(200);
    expect(availableFor(3, ctx)).toBe(400);
    expect(availableFor(1, ctx, 500)).toBe(0);
    // Without the weekly schedule the inventory agent's horizon figure stands.
    expect(availableFor(3, { ...ctx, stockOnHand: undefined, arrivalsWeekly: undefined })).toBe(
      10_000,
    );
  });

  it("with the stores' own stock, sizes every store's cover: a market total piled in one store does not pass", () => {
    // The same 300 units (plus 100 arriving) as `ctx`; a 2-week promotion of 150 units a week.
    const held = (onHand: number[]) =>
      storeCoverOf({
        stores: ["S1", "S2", "S3", "S4"],
        onHand,
        weeklySales: [25, 25, 25, 25],
        weeklySalesCv: [0.2, 0.2, 0.2, 0.2],
        warehouse: 100,
      })!;
    const even = { ...ctx, storeCover: held([50, 50, 50, 50]) };
    const piled = { ...ctx, storeCover: held([200, 0, 0, 0]) };
    const needed = 300 * 1.1;
    expect(availableFor(2, even, 300)).toBeGreaterThanOrEqual(needed);
    expect(availableFor(2, piled, 300)).toBeLessThan(needed);
    // The market screen cannot tell them apart.
    expect(availableFor(2, ctx, 300)).toBe(availableFor(2, { ...ctx, storeCover: undefined }, 300));
  });

  it("keeps a promoted week of sales on the shelves: the stronger the lift, the less a promotion may sell", () => {
    // 20 % off at elasticity −2 sells 0.8^−2 = 1.5625× the baseline: 156.25 a week.
    const p = predictPoint(scenario(3), ctx, effects);
    expect(p.promoUnits).toBeCloseTo(468.75, 6);
    expect(p.stockAvailable).toBe(Math.round(300 + 200 - 156.25));
    const weekly = (s: Scenario) => predictPoint(s, ctx, effects).promoUnits / s.weeks;
    const deep: Scenario = { ...scenario(1), depthPct: 40 };
    expect(predictPoint(deep, ctx, effects).stockAvailable).toBe(Math.round(300 - weekly(deep)));
    expect(predictPoint(deep, ctx, effects).stockAvailable).toBeLessThan(
      predictPoint(scenario(1), ctx, effects).stockAvailable,
    );
  });

  it("refuses a one-week promotion whose sales fit the market's stock only by emptying the shelves' working stock", () => {
    // 300 units on hand, no arrivals in time: a 1.56× week (156 units + 10 % = 172) leaves 144 on
    // shelves that hold 156 at that rate. Keeping only a regular week (100) back left 200 and passed it.
    const one = predictPoint(scenario(1), ctx, effects);
    expect(one.stockNeeded).toBeLessThan(300);
    expect(one.stockNeeded).toBeGreaterThan(one.stockAvailable);
    const k: KnownConstraints = {
      inventory: {
        asOf: "2025-03-01",
        market: "M",
        category: "C",
        horizonWeeks: 8,
        skus: {},
        events: [],
      },
      findings: [],
      policy: loadPolicy().policy,
      budgetLeft: 1e9,
      limits: {},
    };
    expect(violations(scenario(1), one, k).join()).toMatch(
      /needs 172 units with safety margin, 144 available/,
    );
  });
});

describe("agent constraints", () => {
  const known = (promoted: KnownConstraints["promoted"]): KnownConstraints => ({
    inventory: {
      asOf: "2025-03-01",
      market: "M",
      category: "C",
      horizonWeeks: 8,
      skus: {},
      events: [],
    },
    findings: [],
    policy: loadPolicy().policy,
    budgetLeft: 1e9,
    limits: {},
    promoted,
  });
  const p = predictPoint(scenario(2), ctx, effects);

  it("refuses a promotion of a SKU already on promotion or within the brand gap, since a second campaign adds nothing", () => {
    const gap = loadPolicy().policy.brand.minWeeksBetweenPromotions;
    expect(gap).toBeGreaterThan(0);
    expect(
      violations(
        scenario(2),
        p,
        known([{ sku: "A", from: "2025-02-23", to: "2025-03-15" }]),
      ).join(),
    ).toMatch(/promoted 2025-02-23/);
    expect(
      violations(
        scenario(2),
        p,
        known([{ sku: "A", from: "2025-02-09", to: "2025-02-22" }]),
      ).join(),
    ).toMatch(/less than/);
    expect(
      violations(
        scenario(2),
        p,
        known([{ sku: "A", from: "2025-01-05", to: "2025-01-25" }]),
      ).join(),
    ).not.toMatch(/promoted/);
    expect(
      violations(
        scenario(2),
        p,
        known([{ sku: "B", from: "2025-02-23", to: "2025-03-15" }]),
      ).join(),
    ).not.toMatch(/promoted/);
  });
});

describe("interval widths", () => {
  it("t90 follows Student's t table values", () => {
    expect(t90(7)).toBeCloseTo(1.415, 2);
    expect(t90(15)).toBeCloseTo(1.341, 2);
    expect(t90(1000)).toBeCloseTo(1.2816, 2);
    expect(t90(3)).toBeGreaterThan(1.6);
  });

  it("the design effect sees rows that share a week's shock", () => {
    const rng = Rng.of(1, "deff");
    const rows: { sku: string; market: string; week: string; e: number }[] = [];
    for (let w = 0; w < 300; w++) {
      const common = rng.normal();
      for (let s = 0; s < 8; s++)
        rows.push({ sku: "A", market: "M", week: String(w), e: 0.6 * common + 0.8 * rng.normal() });
    }
    // ρ = 0.36 / (0.36 + 0.64): 1 + 7·0.36 ≈ 3.5.
    expect(designEffect(rows, (r) => r.e)).toBeGreaterThan(2.5);
    expect(designEffect(rows, (r) => r.e)).toBeLessThan(4.5);
    expect(
      designEffect(
        rows.map((r) => ({ ...r, e: rng.normal() })),
        (r) => r.e,
      ),
    ).toBeLessThan(1.5);
  });
});
