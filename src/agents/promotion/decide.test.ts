import { describe, expect, it } from "vitest";
import type { EvaluatedScenario } from "../../domain/scenario.js";
import { marginSd, probabilityFloorFailure, riskScore } from "./decide.js";

/** A candidate whose incremental margin is `m` with an 80 % interval [lo, hi]. */
const candidate = (
  m: number,
  lo: number,
  hi: number,
  mechanic: "feature" | "none" = "feature",
): EvaluatedScenario => ({
  scenario: {
    id: "s",
    sku: "A",
    category: "C",
    market: "FR",
    mechanic,
    depthPct: 0,
    weeks: 1,
    startDate: "2025-01-06",
    channels: ["store"],
  },
  prediction: {
    baselineUnits: 100,
    promoUnits: 120,
    incrementalUnits: 20,
    cannibalisedUnits: 0,
    pulledForwardUnits: 0,
    netIncrementalUnits: 20,
    liftPct: 20,
    regularPrice: 3,
    promoPrice: 3,
    unitCost: 1,
    discountCost: 0,
    mediaCost: 60,
    carryingCostSaved: 0,
    incrementalMargin: m,
    roi: 0,
    stockNeeded: 0,
    stockAvailable: 1000,
    interval80: { promoUnits: [100, 140], incrementalUnits: [0, 40], incrementalMargin: [lo, hi] },
  },
  feasible: true,
  constraints: [],
});

describe("the decision rule on the forecast distribution", () => {
  const rule = { riskAversion: 0, minProbability: 0.55 };

  it("reads the margin's SD from its 80 % interval (none has none)", () => {
    expect(marginSd(candidate(10, -2.816, 22.816))).toBeCloseTo(10, 3);
    expect(marginSd(candidate(0, -50, 50, "none"))).toBe(0);
  });

  it("risk-neutral by default: the expected margin is the score; λ takes SDs off it", () => {
    const x = candidate(10, -2.816, 22.816);
    expect(riskScore(x, rule)).toBe(10);
    expect(riskScore(x, { ...rule, riskAversion: 0.5 })).toBeCloseTo(5, 3);
  });

  it("takes a wide but favourable bet, not a coin flip", () => {
    // P(m > 0) ≈ 0.84 (mean one SD above 0): passes the floor.
    expect(probabilityFloorFailure(candidate(10, -2.816, 22.816), rule)).toBeUndefined();
    // P ≈ 0.52: fails it, with the number in the reason.
    expect(probabilityFloorFailure(candidate(0.5, -12.3, 13.3), rule)).toMatch(
      /P\(incremental margin > 0\) 0\.5\d < policy minimum 0\.55/,
    );
    expect(probabilityFloorFailure(candidate(-5, -50, 50, "none"), rule)).toBeUndefined();
  });
});
