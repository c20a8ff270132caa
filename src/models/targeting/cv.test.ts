import { describe, expect, it } from "vitest";
import { bestCandidate, crossValidate, defaultCandidates } from "./cv.js";
import { fitScaling } from "./features.js";
import type { LearnerSpec } from "./learners.js";
import { seededUniform } from "./random.js";
import { simulateExperiment } from "./testing.js";

describe("cross-validated choice of an uplift learner", () => {
  const { rows } = simulateExperiment(6_000, 11);
  const scaling = fitScaling(rows);
  const specs: LearnerSpec[] = [
    { kind: "t-logistic", lambda: 1e-3 },
    { kind: "t-segment", lambda: 1e-4 },
  ];

  it("repeats k-fold on new fold splits, the first split unchanged", () => {
    const once = crossValidate(rows, "visit", specs, scaling, 3, seededUniform(5));
    const twice = crossValidate(rows, "visit", specs, scaling, 3, seededUniform(5), 2);
    expect(twice.map((r) => r.folds.length)).toEqual([6, 6]);
    expect(twice.map((r) => r.folds.slice(0, 3))).toEqual(once.map((r) => r.folds));
    expect(twice[0]!.folds.slice(3)).not.toEqual(twice[0]!.folds.slice(0, 3));
  });

  it("values each candidate's budget policy with held-out DR scores, one figure per fold", () => {
    const cv = crossValidate(rows, "visit", specs, scaling, 3, seededUniform(5), 2);
    for (const r of cv) {
      expect(r.valueFolds).toHaveLength(6);
      expect(r.meanValue).toBeGreaterThan(0.05);
      expect(r.sdValue).toBeGreaterThan(0);
    }
  });

  it("prefers the learner that sees the recency-driven uplift to merchandise-segment means", () => {
    // The simulated uplift fades with recency, which segment means cannot express.
    const cv = crossValidate(rows, "visit", specs, scaling, 3, seededUniform(5), 2);
    expect(bestCandidate(cv).spec.kind).toBe("t-logistic");
  });

  it("offers every binary-outcome learner for visits and only the spend learners for spend", () => {
    expect(new Set(defaultCandidates("visit").map((s) => s.kind))).toEqual(
      new Set(["t-logistic", "s-logistic", "transformed-outcome", "x-learner", "dr-learner", "t-segment", "t-gbdt", "x-gbdt", "dr-gbdt"]),
    );
    expect(new Set(defaultCandidates("spend").map((s) => s.kind))).toEqual(new Set(["t-two-part", "t-ridge", "transformed-outcome"]));
  });
});
