import { writeFileSync } from "node:fs";
import { InvalidArgumentError, type Command } from "commander";
import {
  describeSpec,
  evaluateUplift,
  qiniAndPolicySvg,
  sameSpec,
  splitEveryNth,
  splitRandom,
  type Estimate,
  type UpliftEvaluation,
  type UpliftEvaluationReport,
} from "../../models/targeting/index.js";
import { table } from "../output.js";
import { registerFatigueCommand } from "./uplift-fatigue.js";

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
  budgetShare: number;
  json?: boolean;
}

const int =
  (min: number) =>
  (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`expected an integer ≥ ${min}`);
    return n;
  };
const nonNegative = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError("expected a number ≥ 0");
  return n;
};

const share = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 1)
    throw new InvalidArgumentError("expected a share in (0, 1]");
  return n;
};

/** Phases on stderr with the elapsed time, so a long run shows life within a second. */
function progressPrinter(): (phase: string) => void {
  const t0 = performance.now();
  return (phase) =>
    process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${phase}\n`);
}

const d = (x: number, digits: number): string => x.toFixed(digits);
const ci = (e: Estimate, digits = 3): string =>
  `${d(e.value, digits)} [${d(e.lo, digits)}, ${d(e.hi, digits)}]`;
const versus = (e: Estimate & { significant: boolean }, digits = 3): string =>
  `${e.value >= 0 ? "+" : ""}${d(e.value, digits)} [${d(e.lo, digits)}, ${d(e.hi, digits)}]${e.significant ? "" : " n.s."}`;

function render(r: UpliftEvaluationReport): string {
  const pct = Math.round(r.settings.level * 100);
  const rej = (f: UpliftEvaluationReport["train"]): string =>
    f.rejectedCount
      ? `; ${f.rejectedCount} bad rows skipped (${f.rejected
          .slice(0, 5)
          .map((x) => `line ${x.line}: ${x.reason}`)
          .join("; ")})`
      : "";
  const cv = (o: "visit" | "spend") =>
    r.selection[o].cv.map((c) => [
      o,
      c.spec.kind,
      describeSpec(c.spec),
      `${d(c.meanValue, 4)} ± ${d(c.sdValue, 4)}`,
      `${d(c.meanQini, 4)} ± ${d(c.sdQini, 4)}`,
      sameSpec(c.spec, r.selection[o].chosen) ? "chosen" : "",
    ]);
  const rank = (["visit", "spend"] as const).map((o) => {
    const k = r.ranking[o];
    const dg = o === "visit" ? 3 : 2;
    return [
      o,
      ci(k.qini),
      ci(k.responseModelQini),
      ci(k.upliftAt["10"], dg),
      ci(k.upliftAt["20"], dg),
      ci(k.upliftAt["30"], dg),
    ];
  });
  const vals = r.policies.map((p) => [
    p.name,
    `${d(p.contactedShare * 100, 1)}%`,
    ci(p.value.visit!),
    ci(p.value.conversion!, 4),
    ci(p.value.spend!, 2),
    ci(p.value.margin!, 3),
  ]);
  const best = r.bestSingleEmail;
  const cell = (
    p: UpliftEvaluationReport["policies"][number],
    o: "visit" | "conversion" | "spend" | "margin",
    digits: number,
  ): string =>
    p.name === `all ${best[o]}` ? "(reference)" : versus(p.vsBestSingleEmail[o]!, digits);
  const vs = r.policies.map((p) => [
    p.name,
    cell(p, "visit", 3),
    cell(p, "conversion", 4),
    cell(p, "spend", 2),
    cell(p, "margin", 3),
  ]);
  return [
    `uplift evaluate: train ${r.train.file} (${r.train.rows} rows${rej(r.train)}), test ${r.test.file} (${r.test.rows} rows${rej(r.test)})`,
    `learners chosen by ${r.settings.folds}-fold CV${r.settings.cvRepeats > 1 ? ` × ${r.settings.cvRepeats} fold splits` : ""} on the training file only: held-out DR value per customer of e-mailing the top ${d(r.settings.budgetShare * 100, 0)}% by predicted uplift (spread = sd over folds); Qini for comparison:`,
    table(
      [
        "outcome",
        "learner",
        "settings",
        `DR value, top ${d(r.settings.budgetShare * 100, 0)}% (mean ± sd)`,
        "CV Qini mean ± sd",
        "",
      ],
      [...cv("visit"), ...cv("spend")],
    ),
    `uplift ranking on the test file, any e-mail vs none (value [${pct}% bootstrap interval]):`,
    table(
      [
        "outcome",
        "Qini (uplift model)",
        "Qini (response model)",
        "uplift@10%",
        "uplift@20%",
        "uplift@30%",
      ],
      rank,
    ),
    `policy value per customer (IPW over the randomised test arms; margin = ${r.settings.policy.marginRate} × spend − $${r.settings.policy.contactCost} per e-mail):`,
    table(["policy", "e-mailed", "visit", "conversion", "spend $", "margin $"], vals),
    `difference from the best single e-mail (visit: ${best.visit}, conversion: ${best.conversion}, spend: ${best.spend}, margin: ${best.margin}); ` +
      `n.s. = the ${pct}% interval contains 0, so the difference is not a win or a loss:`,
    table(["policy", "Δ visit", "Δ conversion", "Δ spend $", "Δ margin $"], vs),
    `doubly robust value per customer, and difference from the best single e-mail (visit: ${r.bestSingleEmailDr.visit}, margin: ${r.bestSingleEmailDr.margin}):`,
    table(["policy", "DR visit", "Δ DR visit", "DR margin $", "Δ DR margin $"], drRows(r)),
    ...learnedLines(r),
    `Qini: ${r.definitions.qini}`,
    `uplift@k: ${r.definitions.upliftAtK}`,
    `intervals: ${r.definitions.intervals} ${r.settings.bootstrap} resamples, seed ${r.settings.seed}; ${d(r.seconds, 1)} s.`,
  ].join("\n");
}

function drRows(r: UpliftEvaluationReport): string[][] {
  const best = r.bestSingleEmailDr;
  const cell = (p: UpliftEvaluationReport["policies"][number], o: "visit" | "margin"): string =>
    p.name === `all ${best[o]}` ? "(reference)" : versus(p.drVsBestSingleEmail[o]!);
  return r.policies.map((p) => [
    p.name,
    ci(p.drValue.visit!),
    cell(p, "visit"),
    ci(p.drValue.margin!),
    cell(p, "margin"),
  ]);
}

function learnedLines(r: UpliftEvaluationReport): string[] {
  const pct = Math.round(r.settings.level * 100);
  return (["visit", "margin"] as const).flatMap((o) => {
    const l = r.learnedPolicies[o];
    const g = l.gain;
    const [m, sd] = meanSd(g.folds);
    const rule = l.useModel
      ? "the model's best arm per customer"
      : l.useTree
        ? "the policy tree"
        : `fallback to ${l.fallbackArm} for everyone`;
    const mg = l.modelGain
      ? `; the model's best arm ${d(l.modelGain.mean, 4)} [${d(l.modelGain.lo, 4)}, ${d(l.modelGain.hi, 4)}]`
      : "";
    const head =
      `learned policy (${o}): ${rule} — ${l.why}. ` +
      `CV gain over the best single arm: tree ${d(g.mean, 4)} [${pct}%: ${d(g.lo, 4)}, ${d(g.hi, 4)}], folds ${d(m, 4)} ± ${d(sd, 4)}${mg}. Decision table:`;
    const rows = l.segments.map((s) => [
      s.conditions.join(" and ") || "everyone",
      `${d(s.trainShare * 100, 1)}%`,
      s.treeArm,
      s.arm,
      s.why,
    ]);
    const sent = l.useModel ? "arm sent (most)" : "arm sent";
    return [head, table(["segment", "training share", "tree's arm", sent, "why"], rows)];
  });
}

const meanSd = (xs: readonly number[]): [number, number] => {
  const m = xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
  return [m, Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(xs.length - 1, 1))];
};

function writeScores(file: string, ev: UpliftEvaluation): void {
  const lines = ev.scores.map(
    (s) =>
      `${s.row},${s.upliftVisit.toFixed(6)},${s.upliftSpend.toFixed(6)},${s.arm},${s.armVisit},${s.armMargin}`,
  );
  writeFileSync(
    file,
    ["row,uplift_visit,uplift_spend,arm,arm_visit,arm_margin", ...lines].join("\n") + "\n",
  );
}

async function writeChart(file: string, ev: UpliftEvaluation): Promise<void> {
  const r = ev.report;
  const pct = Math.round(r.settings.level * 100);
  const bands = [
    {
      name: `uplift model (Qini ${r.ranking.visit.qini.value.toFixed(3)})`,
      color: "#1f77b4",
      points: ev.qiniBands.upliftModel,
    },
    {
      name: `response model (Qini ${r.ranking.visit.responseModelQini.value.toFixed(3)})`,
      color: "#ff7f0e",
      points: ev.qiniBands.responseModel,
    },
  ];
  const policies = r.policies.map((p) => ({ name: p.name, ...p.drValue.visit! }));
  const title = `Qini curves with ${pct}% bands (visit, any e-mail vs none) and DR policy values, test file`;
  const svg = await qiniAndPolicySvg(
    title,
    bands,
    policies,
    `visits per customer (DR, ${pct}% interval)`,
  );
  const html = /\.html?$/i.test(file);
  writeFileSync(
    file,
    html
      ? `<!doctype html><html><head><meta charset="utf-8"><title>Qini curves</title></head><body>${svg}</body></html>\n`
      : `${svg}\n`,
  );
}

/** Add `uplift evaluate` (fit on --train, measure on --test with bootstrap intervals) and `uplift split`. */
export function registerUpliftCommand(program: Command): void {
  const uplift = program
    .command("uplift")
    .description("shopper-level uplift models on randomised e-mail data (Hillstrom layout)");
  uplift
    .command("evaluate")
    .description(
      "fit uplift models on --train, report Qini, uplift@k and 3-arm policy values on --test with bootstrap intervals",
    )
    .requiredOption("--train <csv>", "training CSV in the Hillstrom layout")
    .requiredOption("--test <csv>", "test CSV in the Hillstrom layout")
    .option(
      "--scores <csv>",
      "write row,uplift_visit,uplift_spend,arm,arm_visit,arm_margin per test customer (arm: the learned policy for --objective)",
    )
    .option("--chart <file>", "write the visit Qini curves as .svg or self-contained .html")
    .option("--bootstrap <n>", "bootstrap resamples of the test set", int(0), 200)
    .option("--seed <s>", "seed for CV folds and bootstrap", int(-2147483648), 1)
    .option("--folds <k>", "cross-validation folds on the training file", int(2), 5)
    .option("--cv-repeats <r>", "cross-validation fold splits (repeated k-fold)", int(1), 1)
    .option("--margin-rate <r>", "contribution margin per dollar of spend", nonNegative, 0.35)
    .option("--contact-cost <usd>", "cost of one e-mail", nonNegative, 0.1)
    .option(
      "--objective <o>",
      "what the learned policy in --scores maximises: margin | visit",
      "margin",
    )
    .option(
      "--budget-share <s>",
      "share of customers the CV criterion's budget policy e-mails",
      share,
      0.3,
    )
    .option("--json", "print one JSON object")
    .action(async (f: EvaluateFlags) => {
      if (f.objective !== "margin" && f.objective !== "visit")
        throw new InvalidArgumentError(
          `--objective must be margin or visit, got ${String(f.objective)}`,
        );
      const ev = await evaluateUplift(
        {
          train: f.train,
          test: f.test,
          bootstrap: f.bootstrap,
          seed: f.seed,
          folds: f.folds,
          cvRepeats: f.cvRepeats,
          budgetShare: f.budgetShare,
          policy: { marginRate: f.marginRate, contactCost: f.contactCost, objective: f.objective },
        },
        progressPrinter(),
      );
      if (f.scores) writeScores(f.scores, ev);
      if (f.chart) await writeChart(f.chart, ev);
      console.log(f.json ? JSON.stringify(ev.report) : render(ev.report));
    });
  registerFatigueCommand(uplift);
  uplift
    .command("split <csv>")
    .description(
      "developers' split: every N-th data row (N, 2N, …) to <name>.test.csv, the rest to <name>.train.csv",
    )
    .option("--every <n>", "test takes every n-th data row", int(2), 5)
    .option(
      "--seed <s>",
      "instead of every n-th row, a seeded random --test-share of the rows (<name>.seed<s>.*.csv)",
      int(-2147483648),
    )
    .option("--test-share <s>", "share of rows in the test file with --seed", share, 0.2)
    .requiredOption("--out-dir <dir>", "where to write the two files")
    .option("--json", "print one JSON object")
    .action(
      async (
        csv: string,
        f: { every: number; seed?: number; testShare: number; outDir: string; json?: boolean },
      ) => {
        const r =
          f.seed === undefined
            ? await splitEveryNth(csv, f.every, f.outDir)
            : await splitRandom(csv, f.testShare, f.seed, f.outDir);
        console.log(
          f.json
            ? JSON.stringify(r)
            : `train ${r.train} (${r.trainRows} rows), test ${r.test} (${r.testRows} rows)`,
        );
      },
    );
}
