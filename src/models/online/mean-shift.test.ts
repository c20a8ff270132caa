import { describe, expect, it } from "vitest";
import { Rng } from "../../sim/demo/rng.js";
import { latestMeanShift, successiveNoise } from "./mean-shift.js";

const series = (rng: Rng, parts: [number, number][], sd: number) =>
  parts.flatMap(([n, mean]) => Array.from({ length: n }, () => mean + sd * rng.normal()));

describe("mean-shift break detection", () => {
  it("finds no break in a steady series, biased or not", () => {
    expect(latestMeanShift(Array.from({ length: 30 }, () => 0))).toBeUndefined();
    expect(latestMeanShift(Array.from({ length: 30 }, () => -0.4))).toBeUndefined();
  });

  it("reads the noise from successive differences, which a step barely moves", () => {
    const rng = Rng.of(1, "noise");
    const steady = series(rng, [[40, 0]], 0.1);
    const stepped = series(
      Rng.of(1, "noise"),
      [
        [20, 0],
        [20, -1],
      ],
      0.1,
    );
    expect(successiveNoise(steady)).toBeGreaterThan(0.06);
    expect(successiveNoise(steady)).toBeLessThan(0.15);
    expect(successiveNoise(stepped)).toBeLessThan(0.15);
  });

  it("finds a lasting shift of twice the noise, mostly by 5 observations after it, near its start", () => {
    const found = (after: number) => {
      let n = 0;
      for (let s = 1; s <= 40; s++) {
        const b = latestMeanShift(
          series(
            Rng.of(s, "shift"),
            [
              [12, 0],
              [after, -0.2],
            ],
            0.1,
          ),
        );
        if (b !== undefined && Math.abs(b - 12) <= 2) n++;
      }
      return n;
    };
    expect(found(5)).toBeGreaterThanOrEqual(26);
    expect(found(8)).toBeGreaterThanOrEqual(30);
  });

  it("rarely alarms on noise alone, and ignores one wild value", () => {
    let alarms = 0;
    for (let s = 1; s <= 100; s++)
      if (latestMeanShift(series(Rng.of(s, "steady"), [[20, 0]], 0.2)) !== undefined) alarms++;
    expect(alarms).toBeLessThanOrEqual(10);
    expect(latestMeanShift([0, 0.01, -0.01, 0, 50, 0, 0.01, 0, -0.01, 0])).toBeUndefined();
  });

  it("returns the newest of two breaks", () => {
    const b = latestMeanShift(
      series(
        Rng.of(3, "two"),
        [
          [10, 0],
          [10, 0.5],
          [8, 0],
        ],
        0.05,
      ),
    );
    expect(b).toBeDefined();
    expect(Math.abs(b! - 20)).toBeLessThanOrEqual(1);
  });
});
