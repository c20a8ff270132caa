import { describe, expect, it } from "vitest";
import { solveSpd } from "./linalg.js";
import { isModelError } from "./errors.js";

describe("solveSpd", () => {
  it("solves a symmetric positive-definite system", () => {
    const a = Float64Array.from([4, 1, 0, 1, 3, 1, 0, 1, 2]);
    const x = solveSpd(a, Float64Array.from([1, 2, 3]), 3);
    const back = [0, 1, 2].map((i) => [0, 1, 2].reduce((s, j) => s + a[i * 3 + j]! * x[j]!, 0));
    back.forEach((v, i) => expect(v).toBeCloseTo([1, 2, 3][i]!, 10));
  });

  it("throws a SINGULAR_SYSTEM ModelError on a non-positive-definite matrix", () => {
    try {
      solveSpd(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2);
      expect.unreachable();
    } catch (e) {
      expect(isModelError(e) && e.code).toBe("SINGULAR_SYSTEM");
    }
  });
});
