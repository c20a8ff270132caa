import { describe, expect, it } from "vitest";
import { ensembleSchema, fitGbdt, predictEnsemble } from "./gbdt.js";
import type { Design } from "./glm.js";
import { seededUniform } from "./random.js";

/** n rows, columns [1, x1, x2] with x uniform on [0, 1). */
function design(n: number, seed: number): Design {
  const u = seededUniform(seed);
  const x = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    x[i * 3] = 1;
    x[i * 3 + 1] = u();
    x[i * 3 + 2] = u();
  }
  return { x, p: 3 };
}
const all = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

describe("histogram gradient-boosted trees", () => {
  it("fits a step and an interaction with squared loss", () => {
    const d = design(4000, 1);
    const f = (i: number): number =>
      (d.x[i * 3 + 1]! > 0.5 ? 2 : 0) + (d.x[i * 3 + 1]! > 0.5 && d.x[i * 3 + 2]! > 0.5 ? 1 : 0);
    const y = Float64Array.from({ length: 4000 }, (_, i) => f(i));
    const e = fitGbdt(d, all(4000), y, "squared", {
      trees: 100,
      depth: 2,
      rate: 0.3,
      l2: 0,
      minChildWeight: 10,
    });
    const t = design(500, 2);
    const ft = (i: number): number =>
      (t.x[i * 3 + 1]! > 0.5 ? 2 : 0) + (t.x[i * 3 + 1]! > 0.5 && t.x[i * 3 + 2]! > 0.5 ? 1 : 0);
    let worst = 0;
    // Points within one bin of a boundary may land on either side; judge the rest.
    for (let i = 0; i < 500; i++)
      if (Math.abs(t.x[i * 3 + 1]! - 0.5) > 0.05 && Math.abs(t.x[i * 3 + 2]! - 0.5) > 0.05)
        worst = Math.max(worst, Math.abs(predictEnsemble(e, t, i) - ft(i)));
    expect(worst).toBeLessThan(0.05);
  });

  it("estimates probabilities with logistic loss and serialises through its schema", () => {
    const d = design(20_000, 3);
    const u = seededUniform(4);
    const p = (i: number): number => (d.x[i * 3 + 1]! < 0.3 ? 0.1 : 0.4);
    const y = Float64Array.from({ length: 20_000 }, (_, i) => (u() < p(i) ? 1 : 0));
    const e = ensembleSchema.parse(
      JSON.parse(
        JSON.stringify(
          fitGbdt(d, all(20_000), y, "logistic", {
            trees: 60,
            depth: 1,
            rate: 0.2,
            minChildWeight: 50,
          }),
        ),
      ),
    );
    let lo = 0,
      nlo = 0,
      hi = 0,
      nhi = 0;
    for (let i = 0; i < 20_000; i++) {
      const v = predictEnsemble(e, d, i);
      if (p(i) < 0.2) {
        lo += v;
        nlo++;
      } else {
        hi += v;
        nhi++;
      }
    }
    expect(lo / nlo).toBeCloseTo(0.1, 1);
    expect(hi / nhi).toBeCloseTo(0.4, 1);
  });

  it("does not split a node below the minimum child weight", () => {
    const d = design(100, 5);
    const y = Float64Array.from({ length: 100 }, (_, i) => d.x[i * 3 + 1]!);
    const e = fitGbdt(d, all(100), y, "squared", {
      trees: 3,
      depth: 3,
      rate: 1,
      minChildWeight: 60,
    });
    for (const t of e.trees) expect(t.feature.every((f) => f === -1)).toBe(true);
  });

  it("stops adding trees when the held-out loss stops falling", () => {
    const n = 6000;
    const d = design(n, 7);
    const u = seededUniform(8);
    const noise = Float64Array.from({ length: n }, () => (u() < 0.2 ? 1 : 0));
    const prm = {
      trees: 400,
      depth: 3,
      rate: 0.3,
      minChildWeight: 5,
      validationShare: 0.2,
      patience: 10,
    };
    // Outcome independent of x: the first trees already overfit, so few survive.
    expect(fitGbdt(d, all(n), noise, "logistic", prm).trees.length).toBeLessThan(20);
    const signal = Float64Array.from({ length: n }, (_, i) =>
      u() < (d.x[i * 3 + 1]! > 0.5 ? 0.6 : 0.1) ? 1 : 0,
    );
    const e = fitGbdt(d, all(n), signal, "logistic", { ...prm, rate: 0.05 });
    expect(e.trees.length).toBeGreaterThan(20);
    expect(e.trees.length).toBeLessThan(400);
    const t = design(400, 9);
    let err = 0;
    for (let i = 0; i < 400; i++)
      err += Math.abs(predictEnsemble(e, t, i) - (t.x[i * 3 + 1]! > 0.5 ? 0.6 : 0.1)) / 400;
    expect(err).toBeLessThan(0.06);
  });
});
