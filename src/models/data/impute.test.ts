import { describe, expect, it } from "vitest";
import { imputePrices, type RawTransaction } from "./impute.js";

const row = (week: string, over: Partial<RawTransaction>): RawTransaction => ({
  weekEndDate: week,
  store: 1,
  upc: 10,
  units: 10,
  spend: 20,
  price: 2,
  basePrice: 2.5,
  feature: 0,
  display: 0,
  tprOnly: 0,
  ...over,
});

describe("imputePrices", () => {
  it("fills PRICE from SPEND/UNITS and BASE_PRICE from the nearest week of the same series", () => {
    const out = imputePrices([
      row("2009-01-14", { basePrice: 2.4 }),
      row("2009-01-21", { price: Number.NaN, spend: 18, units: 10, basePrice: Number.NaN }),
      row("2009-01-28", { basePrice: 2.6 }),
    ]);
    expect(out.imputedPrice).toBe(1);
    expect(out.imputedBasePrice).toBe(1);
    expect(out.rows[1]!.price).toBeCloseTo(1.8);
    expect(out.rows[1]!.basePrice).toBe(2.4);
  });

  it("falls back to the base price when nothing was sold", () => {
    const out = imputePrices([row("2009-01-14", { price: Number.NaN, units: 0, spend: 0 })]);
    expect(out.rows[0]!.price).toBe(2.5);
  });
});
