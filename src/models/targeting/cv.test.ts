import { describe, expect, it } from "vitest";
import {
  bestCandidate,
  crossValidate,
  defaultCandidates,
  selectCandidate,
  type CvResult,
} from "./cv.js";
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
      new Set([
        "blend",
        "t-logistic",
        "s-logistic",
        "transformed-outcome",
        "x-learner",
        "dr-learner",
        "t-segment",
        "t-gbdt",
        "x-gbdt",
        "dr-gbdt",
      ]),
    );
    expect(new Set(defaultCandidates("spend").map((s) => s.kind))).toEqual(
      new Set(["t-two-part", "t-ridge", "transformed-outcome"]),
    );
  });

  it("still picks the recency-aware learner over a strongly pooled one under the one-SE rule", () => {
    const cands: LearnerSpec[] = [...specs, { kind: "s-logistic", lambda: 10 }];
    const cv = crossValidate(rows, "visit", cands, scaling, 3, seededUniform(5), 2);
    expect(selectCandidate(cv).spec.kind).toBe("t-logistic");
  });
});

describe("one-standard-error choice between learners", () => {
  const result = (spec: LearnerSpec, folds: number[]): CvResult => {
    const m = folds.reduce((a, b) => a + b, 0) / folds.length;
    return { spec, meanValue: m, sdValue: 0, valueFolds: folds, meanQini: 0, sdQini: 0, folds };
  };
  const gbdt: LearnerSpec = { kind: "t-gbdt", lambda: 1, trees: 50, depth: 2, rate: 0.1 };
  const pooled: LearnerSpec = { kind: "s-logistic", lambda: 10 };

  it("takes the simpler learner when the best one's lead is inside its paired error", () => {
    const best = result(gbdt, [0.14, 0.12, 0.15, 0.11, 0.13]);
    const simple = result(pooled, [0.13, 0.125, 0.14, 0.115, 0.125]);
    expect(bestCandidate([best, simple]).spec.kind).toBe("t-gbdt");
    expect(selectCandidate([best, simple]).spec.kind).toBe("s-logistic");
  });

  it("keeps the complex learner when it wins on every fold by more than the error", () => {
    const best = result(gbdt, [0.14, 0.12, 0.15, 0.11, 0.13]);
    const simple = result(pooled, [0.12, 0.1, 0.131, 0.09, 0.109]);
    expect(selectCandidate([best, simple]).spec.kind).toBe("t-gbdt");
  });
});
