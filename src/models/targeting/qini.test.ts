import { describe, expect, it } from "vitest";
import { CONTROL } from "./hillstrom.js";
import { perfectQiniCurve, qiniAucScore, qiniCurve, upliftAtK } from "./qini.js";
import { simulateExperiment } from "./testing.js";

// Six customers worked by hand (see comments); the 0.8 tie must collapse to one curve point.
const score = [0.9, 0.8, 0.8, 0.5, 0.3, 0.1];
const t = [1, 0, 1, 1, 0, 0];
const y = [1, 0, 1, 0, 1, 0];

describe("Qini and uplift@k as scikit-uplift defines them", () => {
  it("builds the Qini curve with one point per distinct score", () => {
    // order 0 | 2,1 (tie) | 3 | 4 | 5 → Y_t − Y_c·N_t/N_c = 1, 2, 2, 2 − 1·3/2, 2 − 1·3/3
    expect(qiniCurve(y, score, t)).toEqual({ x: [0, 1, 3, 4, 5, 6], y: [0, 1, 2, 2, 0.5, 1] });
  });

  it("builds the perfect curve from y·t − y·(1 − t), negative effects last", () => {
    // scores 1,0,1,0,−1,0 → groups {2,0} {5,3,1} {4}
    expect(perfectQiniCurve(y, t)).toEqual({ x: [0, 2, 5, 6], y: [0, 2, 2, 1] });
  });

  it("normalises the area above the random line by the perfect model's", () => {
    // model area 7.5, perfect 9.5, random line to (6, 1) 3 → (7.5 − 3) / (9.5 − 3)
    expect(qiniAucScore(y, score, t)).toBeCloseTo(4.5 / 6.5, 12);
  });

  it("takes uplift@k over the top ⌊n·k⌋ of both groups together", () => {
    expect(upliftAtK(y, score, t, 0.5)).toBe(1); // top 3: idx 0, 2, 1
    expect(upliftAtK(y, score, t, 0.7)).toBeCloseTo(2 / 3, 12); // top ⌊4.2⌋ = 4 adds idx 3 (treated, y 0)
  });

  it("matches scikit-uplift on a spend-like outcome with ties at every score", () => {
    // Expected values from sklift's qini_curve / perfect_qini_curve / qini_auc_score source, run with numpy.
    const ys = [0, 12.5, 0, 3, 0, 0, 40, 0, 7.25, 0, 0, 1];
    const ts = [1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0];
    const ss = [0.2, 0.2, 0.2, -0.1, 0.5, 0.5, 0.3, 0, 0, 0.3, 0.2, -0.1];
    // groups 0.5 {4,5} | 0.3 {6,9} | 0.2 {0,1,2,10} | 0 {7,8} | −0.1 {3,11}; last point 52.5 − 11.25·6/6
    expect(qiniCurve(ys, ss, ts)).toEqual({
      x: [0, 2, 4, 8, 10, 12],
      y: [0, 0, 40, 52.5, 41.625, 41.25],
    });
    const perfect = perfectQiniCurve(ys, ts);
    expect(perfect.x).toEqual([0, 1, 2, 9, 10, 11, 12]);
    [0, 40, 52.5, 52.5, 51, 47.7, 41.25].forEach((v, i) => expect(perfect.y[i]).toBeCloseTo(v, 12));
    expect(qiniAucScore(ys, ss, ts)).toBeCloseTo(0.46560687109168986, 12);
    expect(upliftAtK(ys, ss, ts, 0.5)).toBeCloseTo(40 / 3, 12);
  });

  it("scores a perfect ranking 1 and its reverse below 0", () => {
    const perfect = y.map((v, i) => (t[i] === 1 ? v : -v));
    expect(qiniAucScore(y, perfect, t)).toBeCloseTo(1, 12);
    expect(
      qiniAucScore(
        y,
        perfect.map((v) => -v),
        t,
      ),
    ).toBeLessThan(0);
  });

  it("orients treatment as any e-mail and control as No E-Mail: the true uplift ranks above 0, its reverse below", () => {
    // Simulated three-arm test with a strong known uplift; treatment coded as evaluate.ts codes it.
    const sim = simulateExperiment(30_000, 3);
    const y = sim.rows.map((r) => r.visit);
    const t = sim.rows.map((r) => (r.arm === CONTROL ? 0 : 1));
    const truth = sim.trueUplift[0].map((v, i) => (v + sim.trueUplift[1][i]!) / 2);
    expect(qiniAucScore(y, truth, t)).toBeGreaterThan(0.05); // ≈ 0.09: the perfect curve sets a high bar
    expect(
      qiniAucScore(
        y,
        truth.map((v) => -v),
        t,
      ),
    ).toBeLessThan(-0.05);
    // Swapping the arms' roles (control treated as treatment) flips the sign too.
    expect(
      qiniAucScore(
        y,
        truth,
        t.map((v) => 1 - v),
      ),
    ).toBeLessThan(0);
  });
});
