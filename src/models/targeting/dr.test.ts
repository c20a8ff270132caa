import { describe, expect, it } from "vitest";
import { armShares, drScores, policyValueOn } from "./dr.js";
import { qiniCurve } from "./qini.js";
import { qiniAt, qiniBands } from "./qini-bands.js";
import { seededUniform } from "./random.js";

/** A randomised two-arm test with known arm means 0.3 (arm 0) and 0.5 (arm 1), arm 1 on 40 % of rows. */
function trial(n: number, seed: number) {
  const u = seededUniform(seed);
  const arms = Int8Array.from({ length: n }, () => (u() < 0.4 ? 1 : 0));
  const y = Float64Array.from(arms, (a) => (u() < (a === 1 ? 0.5 : 0.3) ? 1 : 0));
  return { arms, y, idx: Int32Array.from({ length: n }, (_, i) => i) };
}

describe("doubly robust scores", () => {
  it("value a constant policy at its arm's mean whatever the outcome model, tighter with a good one", () => {
    const t = trial(20_000, 1);
    const shares = armShares(t.arms, t.idx, 2);
    const zero = [new Float64Array(t.y.length), new Float64Array(t.y.length)];
    const truth = [new Float64Array(t.y.length).fill(0.3), new Float64Array(t.y.length).fill(0.5)];
    for (const mu of [zero, truth]) {
      const g = drScores(t.arms, t.y, mu, shares);
      expect(policyValueOn(g, new Int8Array(t.y.length).fill(1), t.idx)).toBeCloseTo(0.5, 1);
      expect(policyValueOn(g, new Int8Array(t.y.length).fill(0), t.idx)).toBeCloseTo(0.3, 1);
    }
    const sd = (v: Float64Array) => Math.sqrt(v.reduce((a, x) => a + (x - 0.5) ** 2, 0) / v.length);
    expect(sd(drScores(t.arms, t.y, truth, shares)[1]!)).toBeLessThan(
      sd(drScores(t.arms, t.y, zero, shares)[1]!),
    );
  });

  it("refuses an arm without rows", () => {
    expect(() =>
      drScores([0, 0], [1, 0], [new Float64Array(2), new Float64Array(2)], [1, 0]),
    ).toThrow(/no rows in arm 1/);
  });
});

describe("Qini bands", () => {
  it("end where the Qini curve ends and bracket the point curve", () => {
    const u = seededUniform(3);
    const n = 2_000;
    const t = Float64Array.from({ length: n }, () => (u() < 0.5 ? 1 : 0));
    const score = Float64Array.from({ length: n }, () => u());
    const y = Float64Array.from(score, (s, i) => (u() < 0.1 + 0.2 * s * t[i]! ? 1 : 0));
    const all = Int32Array.from({ length: n }, (_, i) => i);
    const curve = qiniCurve(y, score, t);
    expect(qiniAt(y, score, t, all, [1])[0]).toBeCloseTo(curve.y.at(-1)!, 9);
    const bands = qiniBands(y, score, t, 100, 0.9, seededUniform(4));
    for (const b of bands) {
      expect(b.lo).toBeLessThanOrEqual(b.value + 1e-9);
      expect(b.hi).toBeGreaterThanOrEqual(b.value - 1e-9);
    }
    expect(bands.at(-1)!.lo).toBeGreaterThan(0);
  });
});
