import { describe, expect, it } from "vitest";
import { InputError } from "../../errors.js";
import { projectSupply, supplyGap } from "./index.js";

const weeks = (production: number[], demand = 100) =>
  production.map((p, i) => ({ week: `w${i + 1}`, production: p, demand }));

describe("projectSupply", () => {
  it("closes each week at opening + arrivals − demand, in transit arriving first", () => {
    const p = projectSupply({ onHand: 200, inTransit: 50, weeks: weeks([100, 80, 0]) });
    expect(p.weeks.map((w) => w.closing)).toEqual([250, 230, 130]);
    expect(p.weeks[1]).toMatchObject({ opening: 250, arrivals: 80, demand: 100 });
    expect(p.production).toBe(180);
    expect(p.demand).toBe(300);
    expect(p.belowSafetyAt).toBeUndefined();
  });

  it("delays production by the lead time and adds planned promotions to demand", () => {
    const p = projectSupply({
      onHand: 100,
      leadWeeks: 1,
      weeks: [
        { week: "a", production: 100, demand: 100, promotionUnits: 60 },
        { week: "b", production: 100, demand: 100, promotionUnits: -20 },
      ],
    });
    expect(p.weeks.map((w) => [w.arrivals, w.demand, w.closing])).toEqual([
      [0, 160, -60],
      [100, 80, -40],
    ]);
    expect(p.stockOutAt).toBe(0);
  });

  it("finds the first week under safety stock and the worst shortfall under it", () => {
    const p = projectSupply({ onHand: 400, safetyWeeks: 1.5, weeks: weeks([100, 0, 0, 0, 0]) });
    // closings 400, 300, 200, 100, 0 against a safety line of 150
    expect(p.belowSafetyAt).toBe(3);
    expect(p.worstBelowSafety).toBe(150);
    expect(p.lowestClosing).toBe(0);
  });

  it("names the field of a bad input", () => {
    expect(() => projectSupply({ onHand: -1, weeks: weeks([1]) })).toThrow(InputError);
    expect(() => projectSupply({ onHand: 1, weeks: [] })).toThrow(/weeks/);
  });
});

describe("supplyGap", () => {
  it("flags a plan far below demand even while stock covers the horizon", () => {
    const p = projectSupply({
      onHand: 1000,
      safetyWeeks: 1.5,
      weeks: weeks([100, 100, 40, 40, 40, 40, 40, 40]),
    });
    const gap = supplyGap(p, 0.7);
    expect(gap).toMatchObject({
      reasons: ["plan_below_demand"],
      opensAt: 2,
      week: "w3",
      units: 360,
      planShare: 0.4,
    });
  });

  it("flags a six-week stop by the week the stock crosses its safety line", () => {
    const p = projectSupply({
      onHand: 600,
      safetyWeeks: 1.5,
      weeks: weeks([100, 100, 0, 0, 0, 0, 0, 0]),
    });
    const gap = supplyGap(p, 0.7);
    expect(gap?.reasons).toEqual(["plan_below_demand", "below_safety_stock"]);
    // closings 600, 600, 500, 400, 300, 200, 100, 0: under 150 from week 7
    expect(gap).toMatchObject({ opensAt: 6, week: "w7", units: 150 });
  });

  it("judges the plan against a reference rate when one is given", () => {
    const p = projectSupply({ onHand: 1000, safetyWeeks: 1, weeks: weeks([70, 70, 70, 70]) });
    expect(supplyGap(p, 0.6)).toBeUndefined();
    expect(supplyGap(p, 0.6, [140, 140, 140, 140])).toMatchObject({
      reasons: ["plan_below_demand"],
      planShare: 0.5,
      opensAt: 0,
    });
    expect(
      supplyGap(projectSupply({ onHand: 1000, weeks: weeks([50, 50]) }), 0.6, [60, 60]),
    ).toBeUndefined();
  });

  it("stays quiet on a short production dip that stock covers", () => {
    const p = projectSupply({
      onHand: 500,
      safetyWeeks: 1.5,
      weeks: weeks([100, 0, 0, 100, 100, 100, 100, 100]),
    });
    expect(supplyGap(p, 0.7)).toBeUndefined();
  });
});
