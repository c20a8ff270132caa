import { describe, expect, it } from "vitest";
import type { SettledOutcome } from "../../monitoring/accuracy.js";
import { Rng } from "../../sim/demo/rng.js";
import { DEFAULT_RECALIBRATION, LiftRecalibration } from "./recalibrate.js";

const outcome = (i: number, o: Partial<SettledOutcome>): SettledOutcome => ({
  campaignId: `c${i}`,
  promotionType: "feature",
  market: "FR",
  category: "A",
  settledAt: new Date(Date.UTC(2025, 0, 5 + 7 * i)).toISOString(),
  forecastUnits: 500,
  actualUnits: 450,
  forecastIncrementalUnits: 100,
  measuredIncrementalUnits: 100,
  forecastIncrementalMargin: 100,
  measuredIncrementalMargin: 100,
  method: "holdout",
  ...o,
});

describe("recalibration from settled holdouts", () => {
  it("leaves the model as is without a record", () => {
    expect(new LiftRecalibration([]).correction("feature", "A")).toEqual({
      factor: 1,
      extraVariance: 0,
      campaigns: 0,
    });
  });

  it("stops a mechanic whose campaigns lost money where the model said they would pay", () => {
    const lost = Array.from({ length: 6 }, (_, i) =>
      outcome(i, { measuredIncrementalMargin: -300 }),
    );
    expect(new LiftRecalibration(lost).correction("feature", "A").factor).toBe(0);
  });

  it("shrinks a category's measured ratio toward its mechanic's, and that toward 1", () => {
    const record = Array.from({ length: 8 }, (_, i) =>
      outcome(i, { measuredIncrementalUnits: 20, measuredIncrementalMargin: 20 }),
    );
    const r = new LiftRecalibration(record);
    const a = r.correction("feature", "A");
    expect(a.factor).toBeLessThan(0.6);
    expect(a.factor).toBeGreaterThan(0.2);
    expect(a.extraVariance).toBeGreaterThan(0);
    // Another category borrows the mechanic's correction; another mechanic has none.
    const b = r.correction("feature", "B");
    expect(b.factor).toBeGreaterThan(a.factor);
    expect(b.factor).toBeLessThan(1);
    expect(r.correction("tpr", "A").factor).toBe(1);
    // Baseline-method outcomes and campaigns forecast to lose are not evidence.
    const other = new LiftRecalibration([
      outcome(0, { method: "baseline", measuredIncrementalMargin: 0 }),
      outcome(1, { forecastIncrementalMargin: -10, measuredIncrementalMargin: -500 }),
    ]);
    expect(other.correction("feature", "A").factor).toBe(1);
  });

  it("follows a market that changed: recent campaigns outweigh old ones", () => {
    const before = Array.from({ length: 10 }, (_, i) => outcome(i, {}));
    const after = Array.from({ length: 6 }, (_, i) =>
      outcome(10 + i, { measuredIncrementalUnits: 40, measuredIncrementalMargin: 40 }),
    );
    const k = new LiftRecalibration([...before, ...after]).correction("feature", "A").factor;
    const pooled = (10 * 100 + 6 * 40) / (16 * 100);
    expect(k).toBeLessThan(pooled);
  });

  it("moves forecasts up where the model under-forecast, as well as down", () => {
    const record = Array.from({ length: 8 }, (_, i) =>
      outcome(i, { measuredIncrementalUnits: 160, measuredIncrementalMargin: 200 }),
    );
    const c = new LiftRecalibration(record).correction("feature", "A");
    expect(c.factor).toBeGreaterThan(1.3);
    expect(c.factor).toBeLessThanOrEqual(2);
  });

  it("trusts a measured bias more as campaigns confirm it", () => {
    const few = Array.from({ length: 2 }, (_, i) => outcome(i, { measuredIncrementalMargin: 150 }));
    const many = Array.from({ length: 12 }, (_, i) =>
      outcome(i, { measuredIncrementalMargin: 150, settledAt: few[1]!.settledAt }),
    );
    const a = new LiftRecalibration(few).correction("feature", "A");
    const b = new LiftRecalibration(many).correction("feature", "A");
    expect(b.factor).toBeGreaterThan(a.factor);
    expect(b.extraVariance).toBeLessThan(a.extraVariance);
  });

  it("counts a campaign measured with a wide interval as less than one campaign", () => {
    const at = (halfWidth: number) =>
      Array.from({ length: 3 }, (_, i) =>
        outcome(i, {
          measuredIncrementalMargin: 20,
          measuredLow: 20 - halfWidth,
          measuredHigh: 20 + halfWidth,
        }),
      );
    const sharp = new LiftRecalibration(at(30)).correction("feature", "A");
    const noisy = new LiftRecalibration(at(300)).correction("feature", "A");
    // ±30 on a forecast of 100 is inside one reference SD: as if no interval were given.
    const plain = new LiftRecalibration(at(0)).correction("feature", "A");
    expect(sharp.factor).toBeCloseTo(plain.factor, 10);
    expect(noisy.factor).toBeGreaterThan(sharp.factor + 0.2);
    expect(noisy.factor).toBeLessThan(1);
    expect(noisy.campaigns).toBeLessThan(sharp.campaigns);
  });

  describe("a break in the market (regime change at week t)", () => {
    // One campaign settled a week; from week t the truth's lift falls: units 500 → 420 a
    // campaign, incremental margin 100 → 40 against an unchanged forecast of 100, with noise.
    const t = 12;
    const record = (weeks: number) => {
      const rng = Rng.of(7, "break");
      return Array.from({ length: weeks }, (_, i) => {
        const after = i >= t;
        const units = (after ? 420 : 500) * Math.exp(0.08 * rng.normal());
        const margin = (after ? 40 : 100) + 25 * rng.normal();
        return outcome(i, { actualUnits: units, measuredIncrementalMargin: margin });
      });
    };
    const ratio = (r: LiftRecalibration) => (r.correction("feature", "A").factor * 100) / 40;

    it("is found, and the forecast / true ratio is inside [0.75, 1.33] by week t + 8", () => {
      const r = new LiftRecalibration(record(t + 8));
      expect(r.breakAt).toBeDefined();
      expect(r.breakAt!).toBeGreaterThanOrEqual(Date.parse(outcome(t - 1, {}).settledAt));
      expect(r.breakAt!).toBeLessThanOrEqual(Date.parse(outcome(t + 4, {}).settledAt));
      expect(ratio(r)).toBeGreaterThanOrEqual(0.75);
      expect(ratio(r)).toBeLessThanOrEqual(1.33);
    });

    it("without the break test the old regime still weighs the factor down at t + 8", () => {
      const blind = {
        ...DEFAULT_RECALIBRATION,
        breaks: { ...DEFAULT_RECALIBRATION.breaks, z: Infinity },
      };
      const r = new LiftRecalibration(record(t + 8), blind);
      expect(r.breakAt).toBeUndefined();
      expect(ratio(r)).toBeGreaterThan(ratio(new LiftRecalibration(record(t + 8))));
    });

    it("finds no break in a steady record", () => {
      expect(new LiftRecalibration(record(t)).breakAt).toBeUndefined();
    });
  });
});
