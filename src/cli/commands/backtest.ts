import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { InvalidArgumentError, type Command } from "commander";
import {
  runLiftBacktest,
  type BacktestProgress,
  type LiftBacktestReport,
} from "../../models/index.js";
import { processOutput, table, wrap, WIDTH, type Output } from "../output.js";
import { progress, type Progress, type ProgressOptions } from "../progress.js";

interface LiftFlags {
  data: string;
  trainEnd: string;
  horizon: number;
  online?: boolean;
  predictions?: string;
  point: "geometric" | "median" | "mean";
  json?: boolean;
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a positive integer");
  return n;
}

function isoDate(v: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new InvalidArgumentError("expected YYYY-MM-DD");
  return v;
}

const f3 = (x: number): string => x.toFixed(3);
const signed = (x: number): string => (x >= 0 ? "+" : "") + (x * 100).toFixed(1) + "%";

function renderTable(r: LiftBacktestReport): string {
  const rows: [string, LiftBacktestReport["model"]][] = [
    [`lift model${r.online ? " (online)" : ""}`, r.model],
    ["last value", r.baselines.lastValue],
    ["store mean × promo mult.", r.baselines.storeMeanTimesMultiplier],
  ];
  const cells = rows.map(([name, s]) => {
    const cover = s.all.coverage80;
    return [
      name,
      f3(s.all.wape),
      f3(s.promoted.wape),
      f3(s.nonPromoted.wape),
      signed(s.all.bias),
      signed(s.promoted.bias),
      signed(s.nonPromoted.bias),
      cover === null ? "–" : `${(cover * 100).toFixed(1)}%`,
    ];
  });
  // The shared table: no colour codes (files and logs get it as often as terminals), 100 columns.
  const head = [
    "forecast",
    "WAPE all",
    "WAPE promo",
    "WAPE non-promo",
    "bias all",
    "bias promo",
    "bias non-promo",
    "80% cover",
  ];
  const printed = table(head, cells);
  const m = r.model;
  const lines = [
    `backtest lift: train ≤ ${r.trainEnd}, test ${r.testWeeks.first} … ${r.testWeeks.last} (${r.testWeeks.count} weeks, ` +
      `${m.all.rows} rows, ${m.promoted.rows} promoted), horizon ${r.horizon}`,
    printed,
    `80% interval coverage: promoted ${((m.promoted.coverage80 ?? 0) * 100).toFixed(1)}%, ` +
      `non-promoted ${((m.nonPromoted.coverage80 ?? 0) * 100).toFixed(1)}%`,
    `load ${r.timings.loadSeconds.toFixed(1)} s, fit ${r.timings.fitSeconds.toFixed(1)} s, ` +
      `predict ${r.timings.predictSeconds.toFixed(1)} s; imputed ${r.data.imputedPrice} PRICE, ` +
      `${r.data.imputedBasePrice} BASE_PRICE cells; dropped ${r.data.duplicateStoresDropped} duplicate store rows`,
  ];
  return lines.map((l) => (l === printed ? l : wrap(l, WIDTH, "  "))).join("\n");
}

const PHASES: Record<BacktestProgress["phase"], [string, string]> = {
  load: ["backtest lift: loading the data", "files"],
  fit: ["backtest lift: fitting the lift model", "categories"],
  predict: ["backtest lift: predicting the test weeks", "category-weeks"],
};

/** Reports each phase as it starts (a bar on a terminal, lines otherwise). */
export function backtestProgress(opts: ProgressOptions): (p: BacktestProgress) => void {
  let current: { phase: string; bar: Progress } | undefined;
  return (p) => {
    if (current?.phase !== p.phase) {
      current?.bar.stop();
      const [label, unit] = PHASES[p.phase];
      current = { phase: p.phase, bar: progress(label, unit, opts) };
      current.bar.start(p.total);
    }
    current.bar.update(p.done);
    if (p.phase === "predict" && p.done === p.total) current.bar.stop();
  };
}

/** Add `backtest lift` (fit on weeks ≤ --train-end, predict the rest, compare with two baselines). */
export function registerBacktestCommand(program: Command, o: Output = processOutput): void {
  const backtest = program.command("backtest").description("backtest models on historical data");
  backtest
    .command("lift")
    .description("backtest the demand + promotion lift model on Breakfast-at-the-Frat style data")
    .requiredOption("--data <dir>", "directory with transactions.csv, products.csv, stores.csv")
    .requiredOption("--train-end <date>", "last training week (YYYY-MM-DD)", isoDate)
    .option("--horizon <weeks>", "lagged features use actuals through t − H", positiveInt, 1)
    .option("--online", "absorb each week's actuals after predicting it")
    .option("--predictions <file>", "write WEEK_END_DATE,STORE_NUM,UPC,predicted_units,lower,upper")
    .option("--point <kind>", "point forecast: median | geometric | mean", "median")
    .option("--json", "print one JSON object")
    .action(async (flags: LiftFlags) => {
      if (!["geometric", "median", "mean"].includes(flags.point)) {
        throw new InvalidArgumentError(
          `--point must be geometric, median or mean, got ${flags.point}`,
        );
      }
      const out = flags.predictions ? createWriteStream(flags.predictions) : undefined;
      out?.write("WEEK_END_DATE,STORE_NUM,UPC,predicted_units,lower,upper\n");
      const onProgress = backtestProgress({ out: o, quiet: flags.json === true });
      const report = await runLiftBacktest(
        {
          dataDir: flags.data,
          trainEnd: flags.trainEnd,
          horizon: flags.horizon,
          online: flags.online ?? false,
          pointForecast: flags.point,
        },
        out
          ? (p) => {
              out.write(
                `${p.weekEndDate},${p.store},${p.upc},${p.predicted.toFixed(3)},${p.lower.toFixed(3)},${p.upper.toFixed(3)}\n`,
              );
            }
          : undefined,
        onProgress,
      );
      if (out) {
        out.end();
        await once(out, "finish");
      }
      o.out(flags.json ? JSON.stringify(report) : renderTable(report));
    });
}
