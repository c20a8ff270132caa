import { describe, expect, it } from "vitest";
import { designMatrix, fitScaling } from "./features.js";
import {
  BLEND_MEMBERS,
  anyEmailUplift,
  fitOutcomeModel,
  outcomeModelSchema,
  predictOnDesign,
  predictOutcome,
  type LearnerSpec,
} from "./learners.js";
import { chooseArms, policyConfigSchema } from "./policy.js";
import { qiniAucScore } from "./qini.js";
import { simulateExperiment } from "./testing.js";

const corr = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  const n = a.length;
  let sa = 0,
    sb = 0,
    saa = 0,
    sbb = 0,
    sab = 0;
  for (let i = 0; i < n; i++) {
    sa += a[i]!;
    sb += b[i]!;
    saa += a[i]! ** 2;
    sbb += b[i]! ** 2;
    sab += a[i]! * b[i]!;
  }
  return (sab - (sa * sb) / n) / Math.sqrt((saa - sa ** 2 / n) * (sbb - sb ** 2 / n));
};

describe("uplift learners on a simulated randomised test with known heterogeneous uplift", () => {
  const train = simulateExperiment(12_000, 7);
  const test = simulateExperiment(6_000, 8);
  const scaling = fitScaling(train.rows);
  const specs: LearnerSpec[] = [
    { kind: "t-logistic", lambda: 1e-3 },
    { kind: "s-logistic", lambda: 1e-3 },
    { kind: "transformed-outcome", lambda: 1e-2 },
    { kind: "x-learner", lambda: 1e-2 },
    { kind: "dr-learner", lambda: 1e-2 },
    { kind: "t-gbdt", lambda: 1, trees: 100, depth: 2, rate: 0.1, minChild: 40 },
    { kind: "x-gbdt", lambda: 1, trees: 100, depth: 2, rate: 0.1, minChild: 40 },
    { kind: "dr-gbdt", lambda: 1, trees: 100, depth: 2, rate: 0.1, minChild: 40 },
  ];

  for (const spec of specs) {
    it(`${spec.kind} recovers who responds to which e-mail`, () => {
      const m = fitOutcomeModel(train.rows, "visit", spec, scaling);
      const p = predictOutcome(m, test.rows);
      expect(corr(p.uplift[0], test.trueUplift[0])).toBeGreaterThan(0.7);
      expect(corr(p.uplift[1], test.trueUplift[1])).toBeGreaterThan(0.7);
      const y = test.rows.map((r) => r.visit);
      const t = test.rows.map((r) => (r.arm === 2 ? 0 : 1));
      const oracle = test.trueUplift[0].map((v, i) => (v + test.trueUplift[1][i]!) / 2);
      expect(qiniAucScore(y, anyEmailUplift(p), t)).toBeGreaterThan(
        0.8 * qiniAucScore(y, oracle, t),
      );
    });
  }

  it("scores rows identically through the evaluation path and the cross-validation path", () => {
    // Evaluation rebuilds features from the shoppers (predictOutcome); CV scores a prepared design.
    // A JSON round trip stands in for a model saved with the report and read back.
    for (const spec of specs) {
      const m = outcomeModelSchema.parse(
        JSON.parse(JSON.stringify(fitOutcomeModel(train.rows, "visit", spec, scaling))),
      );
      const a = anyEmailUplift(predictOutcome(m, train.rows));
      const b = anyEmailUplift(
        predictOnDesign(m, designMatrix(train.rows, scaling), train.rows.length),
      );
      expect(Array.from(a)).toEqual(Array.from(b));
    }
  });

  it("t-segment predicts each arm's mean outcome in each merchandise segment of the training rows", () => {
    const m = fitOutcomeModel(train.rows, "visit", { kind: "t-segment", lambda: 0 }, scaling);
    const p = predictOutcome(m, train.rows);
    const segment = (r: (typeof train.rows)[number]) => `${r.mens}${r.womens}`;
    for (const seg of new Set(train.rows.map(segment))) {
      for (const arm of [0, 1, 2]) {
        const ix = train.rows.flatMap((r, i) => (segment(r) === seg && r.arm === arm ? [i] : []));
        const mean = ix.reduce((s, i) => s + train.rows[i]!.visit, 0) / ix.length;
        for (const i of ix) expect(p.level![arm as 0 | 1 | 2][i]).toBeCloseTo(mean, 9);
      }
    }
    expect(
      Object.entries(m.components[0]!.coefficients)
        .filter(([, v]) => v !== 0)
        .map(([k]) => k)
        .sort(),
    ).toEqual(["intercept", "mens", "womens"]);
  });

  it("blend averages its members' per-arm levels, and survives a JSON round trip", () => {
    const blend = fitOutcomeModel(train.rows, "visit", { kind: "blend", lambda: 0 }, scaling);
    const read = outcomeModelSchema.parse(JSON.parse(JSON.stringify(blend)));
    const p = predictOutcome(read, test.rows);
    const members = BLEND_MEMBERS.map((spec) =>
      predictOutcome(fitOutcomeModel(train.rows, "visit", spec, scaling), test.rows),
    );
    for (const arm of [0, 1, 2] as const) {
      for (const i of [0, 17, 999])
        expect(p.level![arm][i]).toBeCloseTo(
          members.reduce((s, m) => s + m.level![arm][i]!, 0) / members.length,
          12,
        );
    }
    expect(p.uplift[0][5]).toBeCloseTo(p.level![0][5]! - p.level![2][5]!, 12);
    expect(() =>
      fitOutcomeModel(train.rows, "spend", { kind: "blend", lambda: 0 }, scaling),
    ).toThrow(/binary/);
  });

  it("keeps coefficients inspectable by feature name", () => {
    const m = fitOutcomeModel(train.rows, "visit", { kind: "t-logistic", lambda: 1e-3 }, scaling);
    const mensArm = m.components.find((c) => c.arm === "Mens E-Mail")!;
    const control = m.components.find((c) => c.arm === "No E-Mail")!;
    expect(mensArm.coefficients["mens"]! - control.coefficients["mens"]!).toBeGreaterThan(0.3);
  });

  it("sends the e-mail that matches the shopper when visits are the objective", () => {
    const v = predictOutcome(
      fitOutcomeModel(train.rows, "visit", { kind: "t-logistic", lambda: 1e-3 }, scaling),
      test.rows,
    );
    const s = predictOutcome(
      fitOutcomeModel(train.rows, "spend", { kind: "t-two-part", lambda: 1e-3 }, scaling),
      test.rows,
    );
    const arms = chooseArms(v, s, policyConfigSchema.parse({ objective: "visit" }));
    const only = (k: "mens" | "womens") =>
      test.rows
        .map((r, i) => ({ r, a: arms[i]! }))
        .filter(({ r }) => r[k] === 1 && r[k === "mens" ? "womens" : "mens"] === 0);
    const share = (xs: { a: number }[], arm: number) =>
      xs.filter((x) => x.a === arm).length / xs.length;
    expect(share(only("mens"), 0)).toBeGreaterThan(0.9);
    expect(share(only("womens"), 1)).toBeGreaterThan(0.9);
  });
});
