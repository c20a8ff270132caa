import { describe, expect, it } from "vitest";
import { ResidualCalibration } from "./intervals.js";

describe("ResidualCalibration", () => {
  it("learns 10/50/90 % quantiles per promo status and borrows for thin buckets", () => {
    const n = 2000;
    const resid = Array.from({ length: n }, (_, i) => (i / (n - 1)) * 2 - 1);
    const base = resid.map(() => 50);
    const promo = resid.map((_, i) => (i % 10 === 0 ? 1 : 0));
    const cal = ResidualCalibration.fromResiduals(resid, base, promo);
    const b = cal.bucket(50, false);
    expect(b.q10).toBeCloseTo(-0.8, 1);
    expect(b.q90).toBeCloseTo(0.8, 1);
    expect(b.smear).toBeGreaterThan(1);
    // Only 200 promoted rows, all in one tier: other promoted tiers borrow them.
    expect(cal.bucket(1, true).n).toBe(200);
  });

  it("measures the correlation of residuals within a group", () => {
    const resid: number[] = [];
    const group: number[] = [];
    for (let g = 0; g < 200; g++) {
      const shock = g % 2 === 0 ? 0.5 : -0.5;
      for (let i = 0; i < 5; i++) {
        resid.push(shock + (i % 2 === 0 ? 0.5 : -0.5));
        group.push(g);
      }
    }
    const cal = ResidualCalibration.fromResiduals(
      resid,
      resid.map(() => 10),
      resid.map(() => 0),
      group,
    );
    expect(cal.storeCorrelation).toBeGreaterThan(0.3);
    expect(cal.storeCorrelation).toBeLessThan(0.7);
  });
});
