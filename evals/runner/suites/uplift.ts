import { join } from "node:path";
import { evaluateUplift, splitEveryNth } from "../../../src/models/index.js";
import { thinCurve } from "../../../src/charts.js";
import { describeSpec, sameSpec } from "../../../src/models/targeting/index.js";
import { requireData } from "../data.js";
import { metric } from "../metric.js";
import type { ChartPoint } from "../schema.js";
import type { Suite } from "../types.js";

/** Shopper-level uplift on Hillstrom's randomised e-mail test, on the developers' split (test = every 5th row). */
export function upliftSuite(): Suite {
  return {
    name: "uplift",
    description:
      "uplift models on hillstrom-email, developers' split (test = every 5th data row), 200 bootstrap resamples",
    fast: false,
    async run(ctx) {
      const csv = requireData(ctx.dataDir, "hillstrom-email", "hillstrom.csv");
      const split = await splitEveryNth(csv, 5, join(ctx.tmpDir, "hillstrom"));
      const ev = await evaluateUplift({
        train: split.train,
        test: split.test,
        bootstrap: 200,
        seed: 1,
      });
      const r = ev.report;
      const q = r.ranking.visit.qini;
      const visitPolicy = r.policies.find((p) => p.name === "learned policy (visit)")!;
      const vs = visitPolicy.vsBestSingleEmail.visit!;
      const { upliftModel: u, responseModel: rm } = ev.qiniCurves;
      const n = u.x[u.x.length - 1]!;
      const cv = r.selection.visit.cv.find((c) => sameSpec(c.spec, r.selection.visit.chosen));
      // Why the target can fail here: cross-validated on the training rows the ranking works, on the test rows it does
      // not, because this test fifth reverses the training rows' main uplift pattern (see real-data.test.ts).
      const cvNote = cv
        ? `Cross-validated on the training file the chosen learner (${cv.spec.kind}, ${describeSpec(cv.spec)}) scores ${cv.meanQini.toFixed(3)} ± ${cv.sdQini.toFixed(3)}; ` +
          "the test fifth reverses the training rows' main pattern (Womens-only buyers respond more to any e-mail than Mens-only ones), so a learner chosen honestly on the training rows ranks it poorly."
        : "";
      const curve = (name: string, c: { x: number[]; y: number[] }): ChartPoint[] =>
        thinCurve(c.x, c.y, 200).map(([x, y]) => ({ x: x / n, y, series: name }));
      return {
        metrics: [
          metric("visit Qini", q.value, { threshold: 0, direction: "min", strict: true }),
          metric("visit Qini, 90% interval low end", q.lo, {
            threshold: 0,
            direction: "min",
            strict: true,
          }),
          metric(`visit policy − all ${r.bestSingleEmail.visit}, 90% high end`, vs.hi, {
            threshold: 0,
            direction: "min",
          }),
          metric(`visit policy − all ${r.bestSingleEmail.visit}`, vs.value),
          metric(
            `visit policy − all ${r.bestSingleEmailDr.visit}, DR, 90% high end`,
            visitPolicy.drVsBestSingleEmail.visit!.hi,
            { threshold: 0, direction: "min" },
          ),
          metric("visit uplift@30%", r.ranking.visit.upliftAt["30"].value),
          metric("response model visit Qini", r.ranking.visit.responseModelQini.value),
          metric("visit uplift@10%", r.ranking.visit.upliftAt["10"].value),
        ],
        charts: [
          {
            id: "uplift-qini-visit",
            title: "Uplift: Qini curves for visits (any e-mail vs none), test file",
            kind: "line",
            x: {
              title: "customers targeted, by descending score",
              type: "quantitative",
              format: ".0%",
            },
            y: { title: "incremental visits" },
            points: [
              ...curve(`uplift model (Qini ${q.value.toFixed(3)})`, u),
              ...curve(
                `response model (Qini ${r.ranking.visit.responseModelQini.value.toFixed(3)})`,
                rm,
              ),
              { x: 0, y: 0, series: "random" },
              { x: 1, y: u.y[u.y.length - 1]!, series: "random" },
            ],
            colors: {
              [`uplift model (Qini ${q.value.toFixed(3)})`]: "#1f5fa8",
              [`response model (Qini ${r.ranking.visit.responseModelQini.value.toFixed(3)})`]:
                "#e08a1e",
              random: "#888888",
            },
            dashed: ["random"],
            caption: `Test file ${r.test.rows.toLocaleString("en-US")} customers. Visit Qini ${q.value.toFixed(3)} [${q.lo.toFixed(3)}, ${q.hi.toFixed(3)}] (90 % bootstrap): the target (> 0 with the interval excluding 0) is ${q.lo > 0 ? "met" : "not met"} on this split. ${cvNote}`,
          },
        ],
        details: {
          train: r.train,
          test: r.test,
          ranking: r.ranking,
          bestSingleEmail: r.bestSingleEmail,
          policies: r.policies,
          selection: { visit: r.selection.visit.chosen, spend: r.selection.spend.chosen },
          seconds: r.seconds,
        },
      };
    },
  };
}
