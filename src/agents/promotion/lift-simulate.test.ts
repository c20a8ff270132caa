import { describe, expect, it } from "vitest";
import type { ScenarioPrediction } from "../../domain/scenario.js";
import { normalUpperTail } from "../../tools/forecast/normal.js";
import { probabilityPositive } from "./lift-simulate.js";

const Z80 = 1.2816;

/** A prediction whose margin is a + b·e^ε with ε ~ N(0, σ²), as a lognormal lift gives. */
function lognormal(a: number, b: number, sigma: number): ScenarioPrediction {
  const at = (e: number) => a + b * Math.exp(e);
  const ends = [at(-Z80 * sigma), at(Z80 * sigma)].sort((x, y) => x - y) as [number, number];
  return {
    incrementalMargin: at(0),
    interval80: { incrementalMargin: ends },
  } as unknown as ScenarioPrediction;
}

describe("P(incremental margin > 0)", () => {
  it("reads a lognormal margin exactly", () => {
    // a + b e^ε > 0 ⇔ ε > ln(−a/b) when b > 0.
    const p = lognormal(-400, 450, 0.3);
    expect(probabilityPositive(p)).toBeCloseTo(normalUpperTail(Math.log(400 / 450) / 0.3), 6);
    // Promoted below cost (b < 0): more units lose more.
    const q = lognormal(100, -80, 0.4);
    expect(probabilityPositive(q)).toBeCloseTo(1 - normalUpperTail(Math.log(100 / 80) / 0.4), 6);
    expect(probabilityPositive(lognormal(10, 50, 0.5))).toBe(1);
  });

  it("reads a symmetric interval as a normal one, and a point as certain", () => {
    const sym = {
      incrementalMargin: 50,
      interval80: { incrementalMargin: [-50, 150] },
    } as unknown as ScenarioPrediction;
    expect(probabilityPositive(sym)).toBeCloseTo(normalUpperTail(-50 / (100 / Z80)), 6);
    const point = {
      incrementalMargin: -1,
      interval80: { incrementalMargin: [-1, -1] },
    } as unknown as ScenarioPrediction;
    expect(probabilityPositive(point)).toBe(0);
  });
});
