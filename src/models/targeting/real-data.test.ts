import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { realDataDir } from "../../../test/real-data.js";
import { evaluateUplift, type UpliftEvaluation } from "./evaluate.js";
import { splitEveryNth } from "./split.js";

const dir = realDataDir("hillstrom-email");

describe.skipIf(!dir)("uplift evaluation on the Hillstrom developers' split (test = every 5th row)", () => {
  let ev: UpliftEvaluation;
  beforeAll(async () => {
    const split = await splitEveryNth(join(dir!, "hillstrom.csv"), 5, mkdtempSync(join(tmpdir(), "hillstrom-")));
    expect([split.trainRows, split.testRows]).toEqual([40_960, 10_240]);
    ev = await evaluateUplift({ train: split.train, test: split.test, bootstrap: 100, seed: 1 });
  });

  it("reproduces the single-arm visit values measured elsewhere", () => {
    const v = (name: string) => ev.report.policies.find((p) => p.name === name)!.value.visit!.value;
    expect(v("all Mens E-Mail")).toBeCloseTo(0.188, 2);
    expect(v("all Womens E-Mail")).toBeCloseTo(0.153, 2);
    expect(v("nobody")).toBeCloseTo(0.103, 2);
  });

  it("the learned three-arm policy's visit value is not below the best single e-mail's", () => {
    for (const name of ["uplift policy (visit)", "uplift policy (margin)"]) {
      const d = ev.report.policies.find((p) => p.name === name)!.vsBestSingleEmail.visit!;
      expect(d.hi).toBeGreaterThanOrEqual(0);
    }
  });

  it("targets better than random at the top 30 %", () => {
    expect(ev.report.ranking.visit.upliftAt["30"].lo).toBeGreaterThan(0);
  });

  // Known miss on this split: CV on the training file picks a learner with held-out Qini ≈ 0.049,
  // but on the test rows it is ≈ −0.013 [−0.04, 0.015]. Marked `fails` so it turns red when it starts passing.
  it.fails("the uplift model's visit Qini is positive with a 90 % interval above 0", () => {
    expect(ev.report.ranking.visit.qini.lo).toBeGreaterThan(0);
  });
});
