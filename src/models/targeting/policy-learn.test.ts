import { describe, expect, it } from "vitest";
import { applyLearnedPolicy, bestSingleAction, learnPolicy } from "./policy-learn.js";
import { seededUniform } from "./random.js";

/** n rows, one feature; action 1 gains `effect` over action 0 when x > 0.5, loses it otherwise; noise sd ~0.3·scale. */
function world(n: number, effect: number, seed: number) {
  const u = seededUniform(seed);
  const x = Float64Array.from({ length: n }, () => u());
  const noise = () => (u() + u() + u() - 1.5) * 2;
  const s0 = Float64Array.from({ length: n }, () => noise());
  const s1 = Float64Array.from(x, (v) => (v > 0.5 ? effect : -effect) + 0.01 + noise());
  return { x, names: ["tenure"], scores: [s0, s1] };
}

describe("learned policy with a fallback to the best single action", () => {
  it("uses the tree when cross-validation shows a gain above zero", () => {
    const d = world(6_000, 0.3, 1);
    const p = learnPolicy(d, { folds: 5, repeats: 2 }, seededUniform(2));
    expect(p.useTree).toBe(true);
    expect(p.gain.lo).toBeGreaterThan(0);
    expect(p.gain.folds).toHaveLength(10);
    const arms = applyLearnedPolicy(p, Float64Array.from([0.2, 0.9]), d.names);
    expect(Array.from(arms)).toEqual([0, 1]);
  });

  it("falls back to the best single action when the heterogeneity is noise", () => {
    const d = world(6_000, 0, 3);
    const p = learnPolicy(d, { folds: 5, repeats: 2 }, seededUniform(4));
    expect(p.useTree).toBe(false);
    expect(p.gain.lo).toBeLessThanOrEqual(0);
    expect(p.why).toMatch(/best single action/);
    const arms = applyLearnedPolicy(p, Float64Array.from([0.2, 0.9]), d.names);
    expect(arms[0]).toBe(arms[1]);
    expect(arms[0]).toBe(p.fallback);
  });
});

describe("best single action with a tie-break", () => {
  it("hands a tie on the noisy objective to the action that wins the steadier one", () => {
    const u = seededUniform(9);
    const n = 4_000;
    // Margin: action 1 ahead by 0.01 with noise sd 2 (no real difference); visits: action 0 ahead clearly.
    const margin = [
      Float64Array.from({ length: n }, () => (u() - 0.5) * 7),
      Float64Array.from({ length: n }, () => 0.01 + (u() - 0.5) * 7),
    ];
    const visits = [
      Float64Array.from({ length: n }, () => 0.2 + (u() - 0.5) * 0.1),
      Float64Array.from({ length: n }, () => 0.15 + (u() - 0.5) * 0.1),
    ];
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    const plain = bestSingleAction(margin, idx);
    expect(bestSingleAction(margin, idx, visits)).toBe(0);
    // A clear margin winner keeps its place whatever the visits say.
    const clear = [margin[0]!, margin[1]!.map((v) => v + 1)];
    expect(bestSingleAction(clear, idx, visits)).toBe(1);
    expect([0, 1]).toContain(plain);
  });
});

describe("the outcome model's best action as a rival to the tree", () => {
  /** Action 1 wins where x > 0.5 by `effect`; the "model" knows it (x alone decides its arm). */
  function world(n: number, effect: number, seed: number) {
    const u = seededUniform(seed);
    const x = Float64Array.from({ length: n }, () => u());
    const noise = () => (u() + u() + u() - 1.5) * 2;
    const s0 = Float64Array.from({ length: n }, () => noise());
    const s1 = Float64Array.from(x, (v) => (v > 0.5 ? effect : -effect) + noise());
    return {
      d: { x, names: ["tenure"], scores: [s0, s1] },
      model: Int8Array.from(x, (v) => (v > 0.5 ? 1 : 0)),
    };
  }

  it("uses the model's actions when they beat the tree and the single action in CV", () => {
    const { d, model } = world(6_000, 0.3, 5);
    // A one-cut tree could find x > 0.5 too; forbid trees so only the model can win.
    const p = learnPolicy(
      d,
      { folds: 5, repeats: 2, tree: { depth: 0, minLeafShare: 0.05, cuts: 16 } },
      seededUniform(6),
      undefined,
      model,
    );
    expect(p.useModel).toBe(true);
    expect(p.useTree).toBe(false);
    expect(p.modelGain!.lo).toBeGreaterThan(0);
    expect(p.why).toMatch(/model's best action/);
    expect(
      Array.from(
        applyLearnedPolicy(p, Float64Array.from([0.2, 0.9]), d.names, Int8Array.from([0, 1])),
      ),
    ).toEqual([0, 1]);
    expect(() => applyLearnedPolicy(p, Float64Array.from([0.2]), d.names)).toThrow(/modelArms/);
  });

  it("falls back when the model's actions are noise", () => {
    const { d } = world(6_000, 0, 7);
    const u = seededUniform(8);
    const noisy = Int8Array.from({ length: 6_000 }, () => (u() < 0.5 ? 1 : 0));
    const p = learnPolicy(d, { folds: 5, repeats: 2 }, seededUniform(9), undefined, noisy);
    expect(p.useModel).toBe(false);
    expect(p.useTree).toBe(false);
    expect(p.modelGain!.lo).toBeLessThanOrEqual(0);
  });

  it("pools every held-out row, so a gain of 3 % of the per-row sd shows on 40,000 rows", () => {
    const { d, model } = world(40_000, 0.09, 11);
    const p = learnPolicy(
      d,
      { folds: 10, repeats: 2, tree: { depth: 0, minLeafShare: 0.05, cuts: 16 } },
      seededUniform(12),
      undefined,
      model,
    );
    expect(p.modelGain!.lo).toBeGreaterThan(0);
    expect(p.modelGain!.folds).toHaveLength(20);
  });

  it("shows no gain for random rules when the actions tie (the benchmark is not handicapped)", () => {
    const gains = [21, 22, 23, 24, 25].map((seed) => {
      const { d } = world(4_000, 0, seed);
      const u = seededUniform(seed + 100);
      const noisy = Int8Array.from({ length: 4_000 }, () => (u() < 0.5 ? 1 : 0));
      return learnPolicy(
        d,
        { folds: 5, repeats: 1, tree: { depth: 0, minLeafShare: 0.05, cuts: 16 } },
        seededUniform(seed),
        undefined,
        noisy,
      ).modelGain!;
    });
    expect(gains.every((g) => g.lo <= 0)).toBe(true);
    expect(gains.reduce((a, g) => a + g.mean, 0) / gains.length).toBeLessThanOrEqual(0);
  });

  it("keeps a working tree when the model's actions are not clearly better (the tree is readable)", () => {
    const { d, model } = world(6_000, 0.3, 13);
    // A model that is right on 75 % of the rows: a real gain, but less than the tree's.
    const u = seededUniform(15);
    const rough = model.map((a) => (u() < 0.25 ? 1 - a : a));
    const p = learnPolicy(d, { folds: 5, repeats: 2 }, seededUniform(14), undefined, rough);
    expect(p.modelGain!.lo).toBeGreaterThan(0);
    expect(p.useTree).toBe(true);
    expect(p.useModel).toBe(false);
  });
});
