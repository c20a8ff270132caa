import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { realDataDir } from "../../../test/real-data.js";
import { selectCandidate } from "./cv.js";
import { evaluateUplift, type UpliftEvaluation } from "./evaluate.js";
import { fitScaling } from "./features.js";
import { CONTROL } from "./hillstrom.js";
import { anyEmailUplift, fitOutcomeModel, predictOutcome, sameSpec } from "./learners.js";
import { loadHillstrom } from "./load-hillstrom.js";
import { qiniAucScore } from "./qini.js";
import { splitEveryNth } from "./split.js";

const dir = realDataDir("hillstrom-email");

describe.skipIf(!dir)(
  "uplift evaluation on the Hillstrom developers' split (test = every 5th row)",
  () => {
    let ev: UpliftEvaluation;
    beforeAll(async () => {
      const split = await splitEveryNth(
        join(dir!, "hillstrom.csv"),
        5,
        mkdtempSync(join(tmpdir(), "hillstrom-")),
      );
      expect([split.trainRows, split.testRows]).toEqual([40_960, 10_240]);
      ev = await evaluateUplift({ train: split.train, test: split.test, bootstrap: 100, seed: 1 });
      // About 35 s of CPU (nine learners × five folds, two policy trees × ten folds); more on a shared machine.
    }, 600_000);

    it("reproduces the single-arm visit values measured elsewhere", () => {
      const v = (name: string) =>
        ev.report.policies.find((p) => p.name === name)!.value.visit!.value;
      expect(v("all Mens E-Mail")).toBeCloseTo(0.188, 2);
      expect(v("all Womens E-Mail")).toBeCloseTo(0.153, 2);
      expect(v("nobody")).toBeCloseTo(0.103, 2);
    });

    it("the learned three-arm policy's visit value is not below the best single e-mail's, IPW or DR", () => {
      for (const name of ["learned policy (visit)", "learned policy (margin)"]) {
        const p = ev.report.policies.find((x) => x.name === name)!;
        expect(p.vsBestSingleEmail.visit!.hi).toBeGreaterThanOrEqual(0);
        expect(p.drVsBestSingleEmail.visit!.hi).toBeGreaterThanOrEqual(0);
      }
    });

    it("falls back to one e-mail for everyone: no split of these shoppers pays in cross-validation", () => {
      // Mens E-Mail raises visits at least as much as Womens E-Mail in every segment of the file, so
      // a tree can only fit noise; its CV gain interval straddles 0 (−0.004 to +0.004 per shopper).
      const v = ev.report.learnedPolicies.visit;
      expect(v.useTree).toBe(false);
      expect(v.fallbackArm).toBe("Mens E-Mail");
      expect(v.gain.lo).toBeLessThanOrEqual(0);
      expect(v.segments.every((s) => s.arm === "Mens E-Mail")).toBe(true);
    });

    it("ranks positively on each other fifth of the file with the same CV-chosen learner (the test fifth is the outlier)", async () => {
      const all = await loadHillstrom(join(dir!, "hillstrom.csv"));
      const chosen = ev.report.selection.visit.chosen;
      const qinis = [1, 2, 3, 4].map((k) => {
        const train = all.rows.filter((r) => r.row % 5 !== k);
        const held = all.rows.filter((r) => r.row % 5 === k);
        const s = anyEmailUplift(
          predictOutcome(fitOutcomeModel(train, "visit", chosen, fitScaling(train)), held),
        );
        return qiniAucScore(
          held.map((r) => r.visit),
          s,
          held.map((r) => (r.arm === CONTROL ? 0 : 1)),
        );
      });
      // Blend 0.057, 0.048, 0.029, 0.044 (segment means alone: 0.062, 0.065, 0.045, 0.045): the blend
      // gives up some of the whole curve for its top 30 % (uplift@30 % 0.094, 0.088, 0.081, 0.078
      // against 0.088, 0.081, 0.092, 0.076).
      for (const q of qinis) expect(q).toBeGreaterThan(0.02);
    });

    it("cross-validates a clearly positive visit Qini on the training file", () => {
      const cv = ev.report.selection.visit.cv.find((c) =>
        sameSpec(c.spec, ev.report.selection.visit.chosen),
      )!;
      expect(cv.meanQini).toBeGreaterThan(0.04);
    });

    it("chooses the learner by the held-out DR value of e-mailing its top 30 %, above random targeting", () => {
      const cv = ev.report.selection.visit.cv;
      const chosen = cv.find((c) => sameSpec(c.spec, ev.report.selection.visit.chosen))!;
      expect(chosen).toEqual(selectCandidate(cv));
      // One-SE rule: within one paired standard error of the best (≈ 0.002 visits here).
      expect(chosen.meanValue).toBeGreaterThan(Math.max(...cv.map((c) => c.meanValue)) - 0.004);
      // Random 30 % with the better e-mail: 0.105 + 0.3 × 0.08 ≈ 0.129; the chosen 0.135 ± 0.006.
      expect(chosen.meanValue).toBeGreaterThan(0.129);
    });

    it("targets better than random at the top 30 %", () => {
      expect(ev.report.ranking.visit.upliftAt["30"].lo).toBeGreaterThan(0);
    });

    // Known miss on this split, not a scoring bug: the Qini matches scikit-uplift's formulas (qini.test.ts)
    // and training rows score identically through the CV and test paths (learners.test.ts). The ranking's
    // main signal is that shoppers who bought only Womens merchandise respond to "any e-mail" more than
    // those who bought only Mens: +0.047 ± 0.007 visits on the training rows and +0.036 to +0.061 on each
    // other fifth of the file, but −0.017 ± 0.014 on this test fifth. The blend CV picks scores a Qini of
    // 0.014 here (segment means 0.004) and uplift@30 % 0.077 (0.059). Tuning to the test rows would be
    // dishonest. Marked `fails` so it turns red when it starts passing.
    it.fails("the uplift model's visit Qini is positive with a 90 % interval above 0", () => {
      expect(ev.report.ranking.visit.qini.lo).toBeGreaterThan(0);
    });
  },
);
