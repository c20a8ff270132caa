import { writeFileSync } from "node:fs";
import { InvalidArgumentError, type Command } from "commander";
import {
  describeSpec,
  evaluateUplift,
  lineChartSvg,
  sameSpec,
  splitEveryNth,
  type Estimate,
  type UpliftEvaluation,
  type UpliftEvaluationReport,
} from "../../models/targeting/index.js";
import { table } from "../output.js";

interface EvaluateFlags {
  train: string;
  test: string;
  scores?: string;
  chart?: string;
  bootstrap: number;
  seed: number;
  folds: number;
  cvRepeats: number;
  marginRate: number;
  contactCost: number;
  objective: "margin" | "visit";
  json?: boolean;
}

const int = (min: number) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}`);
  return n;
};
const nonNegative = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError("expected a number ≥ 0");
  return n;
};

const d = (x: number, digits: number): string => x.toFixed(digits);
const ci = (e: Estimate, digits = 3): string => `${d(e.value, digits)} [${d(e.lo, digits)}, ${d(e.hi, digits)}]`;
const versus = (e: Estimate & { significant: boolean }, digits = 3): string =>
  `${e.value >= 0 ? "+" : ""}${d(e.value, digits)} [${d(e.lo, digits)}, ${d(e.hi, digits)}]${e.significant ? "" : " n.s."}`;

function render(r: UpliftEvaluationReport): string {
  const pct = Math.round(r.settings.level * 100);
  const rej = (f: UpliftEvaluationReport["train"]): string =>
    f.rejectedCount ? `; ${f.rejectedCount} bad rows skipped (${f.rejected.slice(0, 5).map((x) => `line ${x.line}: ${x.reason}`).join("; ")})` : "";
  const cv = (o: "visit" | "spend") =>
    r.selection[o].cv.map((c) => [o, c.spec.kind, describeSpec(c.spec), `${d(c.meanQini, 4)} ± ${d(c.sdQini, 4)}`, sameSpec(c.spec, r.selection[o].chosen) ? "chosen" : ""]);
  const rank = (["visit", "spend"] as const).map((o) => {
    const k = r.ranking[o];
    const dg = o === "visit" ? 3 : 2;
    return [o, ci(k.qini), ci(k.responseModelQini), ci(k.upliftAt["10"], dg), ci(k.upliftAt["20"], dg), ci(k.upliftAt["30"], dg)];
  });
  const vals = r.policies.map((p) => [p.name, `${d(p.contactedShare * 100, 1)}%`, ci(p.value.visit!), ci(p.value.conversion!, 4), ci(p.value.spend!, 2), ci(p.value.margin!, 3)]);
  const best = r.bestSingleEmail;
  const cell = (p: UpliftEvaluationReport["policies"][number], o: "visit" | "conversion" | "spend" | "margin", digits: number): string =>
    p.name === `all ${best[o]}` ? "(reference)" : versus(p.vsBestSingleEmail[o]!, digits);
  const vs = r.policies.map((p) => [p.name, cell(p, "visit", 3), cell(p, "conversion", 4), cell(p, "spend", 2), cell(p, "margin", 3)]);
  return [
    `uplift evaluate: train ${r.train.file} (${r.train.rows} rows${rej(r.train)}), test ${r.test.file} (${r.test.rows} rows${rej(r.test)})`,
    `learners chosen by ${r.settings.folds}-fold CV${r.settings.cvRepeats > 1 ? ` × ${r.settings.cvRepeats} fold splits` : ""} on the training file only (held-out normalised Qini, any e-mail vs none):`,
    table(["outcome", "learner", "settings", "CV Qini mean ± sd", ""], [...cv("visit"), ...cv("spend")]),
    `uplift ranking on the test file, any e-mail vs none (value [${pct}% bootstrap interval]):`,
    table(["outcome", "Qini (uplift model)", "Qini (response model)", "uplift@10%", "uplift@20%", "uplift@30%"], rank),
    `policy value per customer (IPW over the randomised test arms; margin = ${r.settings.policy.marginRate} × spend − $${r.settings.policy.contactCost} per e-mail):`,
    table(["policy", "e-mailed", "visit", "conversion", "spend $", "margin $"], vals),
    `difference from the best single e-mail (visit: ${best.visit}, conversion: ${best.conversion}, spend: ${best.spend}, margin: ${best.margin}); ` +
      `n.s. = the ${pct}% interval contains 0, so the difference is not a win or a loss:`,
    table(["policy", "Δ visit", "Δ conversion", "Δ spend $", "Δ margin $"], vs),
    `Qini: ${r.definitions.qini}`,
    `uplift@k: ${r.definitions.upliftAtK}`,
    `intervals: ${r.definitions.intervals} ${r.settings.bootstrap} resamples, seed ${r.settings.seed}; ${d(r.seconds, 1)} s.`,
  ].join("\n");
}

function writeScores(file: string, ev: UpliftEvaluation): void {
  const lines = ev.scores.map((s) => `${s.row},${s.upliftVisit.toFixed(6)},${s.upliftSpend.toFixed(6)},${s.arm}`);
  writeFileSync(file, ["row,uplift_visit,uplift_spend,arm", ...lines].join("\n") + "\n");
}

async function writeChart(file: string, ev: UpliftEvaluation): Promise<void> {
  const { upliftModel: u, responseModel: r } = ev.qiniCurves;
  const n = u.x[u.x.length - 1]!;
  const svg = await lineChartSvg("Qini curves, visit (any e-mail vs none), test file", "customers targeted, by descending score", "incremental visits", [
    { name: `uplift model (Qini ${ev.report.ranking.visit.qini.value.toFixed(3)})`, x: u.x, y: u.y, color: "#1f77b4" },
    { name: `response model (Qini ${ev.report.ranking.visit.responseModelQini.value.toFixed(3)})`, x: r.x, y: r.y, color: "#ff7f0e" },
    { name: "random", x: [0, n], y: [0, u.y[u.y.length - 1]!], color: "#777", dashed: true },
  ], n);
  const html = /\.html?$/i.test(file);
  writeFileSync(file, html ? `<!doctype html><html><head><meta charset="utf-8"><title>Qini curves</title></head><body>${svg}</body></html>\n` : `${svg}\n`);
}

/** Add `uplift evaluate` (fit on --train, measure on --test with bootstrap intervals) and `uplift split`. */
export function registerUpliftCommand(program: Command): void {
  const uplift = program.command("uplift").description("shopper-level uplift models on randomised e-mail data (Hillstrom layout)");
  uplift
    .command("evaluate")
    .description("fit uplift models on --train, report Qini, uplift@k and 3-arm policy values on --test with bootstrap intervals")
    .requiredOption("--train <csv>", "training CSV in the Hillstrom layout")
    .requiredOption("--test <csv>", "test CSV in the Hillstrom layout")
    .option("--scores <csv>", "write row,uplift_visit,uplift_spend,arm per test customer")
    .option("--chart <file>", "write the visit Qini curves as .svg or self-contained .html")
    .option("--bootstrap <n>", "bootstrap resamples of the test set", int(0), 200)
    .option("--seed <s>", "seed for CV folds and bootstrap", int(-2147483648), 1)
    .option("--folds <k>", "cross-validation folds on the training file", int(2), 5)
    .option("--cv-repeats <r>", "cross-validation fold splits (repeated k-fold)", int(1), 1)
    .option("--margin-rate <r>", "contribution margin per dollar of spend", nonNegative, 0.35)
    .option("--contact-cost <usd>", "cost of one e-mail", nonNegative, 0.1)
    .option("--objective <o>", "what the learned policy in --scores maximises: margin | visit", "margin")
    .option("--json", "print one JSON object")
    .action(async (f: EvaluateFlags) => {
      if (f.objective !== "margin" && f.objective !== "visit") throw new InvalidArgumentError(`--objective must be margin or visit, got ${String(f.objective)}`);
      const ev = await evaluateUplift({
        train: f.train,
        test: f.test,
        bootstrap: f.bootstrap,
        seed: f.seed,
        folds: f.folds,
        cvRepeats: f.cvRepeats,
        policy: { marginRate: f.marginRate, contactCost: f.contactCost, objective: f.objective },
      });
      if (f.scores) writeScores(f.scores, ev);
      if (f.chart) await writeChart(f.chart, ev);
      console.log(f.json ? JSON.stringify(ev.report) : render(ev.report));
    });
  uplift
    .command("split <csv>")
    .description("developers' split: every N-th data row (N, 2N, …) to <name>.test.csv, the rest to <name>.train.csv")
    .option("--every <n>", "test takes every n-th data row", int(2), 5)
    .requiredOption("--out-dir <dir>", "where to write the two files")
    .option("--json", "print one JSON object")
    .action(async (csv: string, f: { every: number; outDir: string; json?: boolean }) => {
      const r = await splitEveryNth(csv, f.every, f.outDir);
      console.log(f.json ? JSON.stringify(r) : `train ${r.train} (${r.trainRows} rows), test ${r.test} (${r.testRows} rows)`);
    });
}
