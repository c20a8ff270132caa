import { describe, expect, it } from "vitest";
import { fitLiftModel } from "../../models/lift/fit.js";
import { buildPanel } from "../../models/panel.js";
import { simulateMarket } from "../../models/testing/simulated-panel.js";
import { LiftEvidence, mechanicClass } from "./lift-evidence.js";

describe("the lift's uncertainty by mechanic", () => {
  // Promotions in this market always cut the price; 40 % add a display; none has an ad.
  const panel = buildPanel(simulateMarket({ seed: 3, weeks: 60, stores: 5, upcsPerCategory: 3 }));
  const model = fitLiftModel(panel, 59, {}, { calibrationWeeks: 8 });
  const evidence = new LiftEvidence(model);
  const cut = mechanicClass(0.2, 0, 0);
  const cutDisplay = mechanicClass(0.2, 0, 1);
  const displayOnly = mechanicClass(0, 0, 1);
  const adOnly = mechanicClass(0, 1, 0);

  it("counts the weeks each SKU ran each mechanic", () => {
    expect(evidence.weeks(0, cut)).toBeGreaterThan(3);
    expect(evidence.weeks(0, cutDisplay)).toBeGreaterThan(0);
    expect(evidence.weeks(0, displayOnly)).toBe(0);
    expect(evidence.weeks(0, adOnly)).toBe(0);
  });

  it("is narrow where the history ran the mechanic, wide where it never did", () => {
    const sd = (cls: number) => evidence.logLiftSd(0, cls);
    expect(sd(mechanicClass(0, 0, 0))).toBe(0);
    expect(sd(cut)).toBeLessThan(0.2);
    // Parts seen (a display, with a cut) but never alone: the model's additivity is a guess.
    expect(sd(displayOnly)).toBeGreaterThan(2 * sd(cut));
    // An ad was never seen at all: wider still.
    expect(sd(adOnly)).toBeGreaterThan(sd(displayOnly));
    expect(evidence.logLiftSd(0, cut, 0.09)).toBeCloseTo(Math.sqrt(sd(cut) ** 2 + 0.09), 9);
  });

  it("narrows as settled campaigns of the mechanic accumulate, most where the history was silent", () => {
    const sd = (cls: number, settled: number) => evidence.logLiftSd(0, cls, 0, settled);
    expect(sd(adOnly, 4)).toBeLessThan(sd(adOnly, 0));
    expect(sd(adOnly, 20)).toBeLessThan(sd(adOnly, 4));
    // Never below the model's misspecification, whatever the record.
    expect(sd(adOnly, 1e6)).toBeGreaterThanOrEqual(0.08 - 1e-9);
    // Where the history already knows the lift, a few campaigns change little.
    expect(sd(cut, 4) / sd(cut, 0)).toBeGreaterThan(sd(adOnly, 4) / sd(adOnly, 0));
  });
});
