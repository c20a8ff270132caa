import { z } from "zod";
import { loadFratDataset } from "../data/load-frat.js";
import { fratLoadReportSchema } from "../data/frat-schemas.js";
import { ModelError } from "../errors.js";
import { fitCategoryModel, salesByCategory } from "../lift/category-model.js";
import type { LiftModel } from "../lift/model.js";
import { liftConfigSchema } from "../lift/config.js";
import { buildPanel, seriesKey, weekIndexOnOrBefore } from "../panel.js";
import { lastValueBaseline, meanTimesMultiplierBaseline } from "./baselines.js";
import { accuracySchema, SplitAccuracy } from "./metrics.js";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

/** What `backtest lift` needs. */
export const liftBacktestOptionsSchema = z.object({
  dataDir: z.string().min(1),
  trainEnd: isoDate.describe("last training week-end date; later weeks are predicted"),
  horizon: z
    .number()
    .int()
    .min(1)
    .default(1)
    .describe("lagged features use actuals through t − horizon"),
  online: z.boolean().default(false).describe("learn each week's actuals after predicting it"),
  pointForecast: z
    .enum(["geometric", "median", "mean"])
    .default("median")
    .describe(
      "exp(log prediction) shifted by the held-out median residual (WAPE's optimum), or unshifted, or by the smearing factor (the mean)",
    ),
  calibrationWeeks: z.number().int().min(0).default(16),
  config: liftConfigSchema.partial().default({}),
});
export type LiftBacktestOptions = z.input<typeof liftBacktestOptionsSchema>;

const splitSchema = z.object({
  all: accuracySchema,
  promoted: accuracySchema,
  nonPromoted: accuracySchema,
});

/** The figures a backtest reports (one JSON object with --json). */
export const liftBacktestReportSchema = z.object({
  dataDir: z.string(),
  trainEnd: isoDate,
  testWeeks: z.object({ first: isoDate, last: isoDate, count: z.number().int() }),
  horizon: z.number().int(),
  online: z.boolean(),
  pointForecast: z.string(),
  data: fratLoadReportSchema,
  timings: z.object({
    loadSeconds: z.number(),
    fitSeconds: z.number(),
    predictSeconds: z.number(),
  }),
  model: splitSchema,
  baselines: z.object({
    lastValue: splitSchema.describe("(a) last observed units of the store × UPC"),
    storeMeanTimesMultiplier: splitSchema.describe(
      "(b) store × UPC non-promoted mean × UPC median promo multiplier",
    ),
  }),
  driftWeeks: z.array(isoDate).describe("weeks where online learning signalled drift"),
});
export type LiftBacktestReport = z.infer<typeof liftBacktestReportSchema>;

/** One predicted row, as written by --predictions. */
export interface BacktestPrediction {
  weekEndDate: string;
  store: number;
  upc: number;
  predicted: number;
  lower: number;
  upper: number;
  actual: number;
}

/** Where a backtest is: each phase starts with its total, then counts what is done. */
export interface BacktestProgress {
  phase: "load" | "fit" | "predict";
  done: number;
  /** Files for load, categories for fit, category-weeks for predict. */
  total: number;
}

/**
 * Fit on weeks ≤ trainEnd, predict every later row week by week, and score model and baselines.
 * The model is fitted per category with `fitCategoryModel`, as the promotion agent fits it.
 * `onProgress` hears each phase start (done 0) and each step of it.
 */
export async function runLiftBacktest(
  input: LiftBacktestOptions,
  onPrediction?: (p: BacktestPrediction) => void,
  onProgress?: (p: BacktestProgress) => void,
): Promise<LiftBacktestReport> {
  const o = liftBacktestOptionsSchema.parse(input);
  const t0 = performance.now();
  onProgress?.({ phase: "load", done: 0, total: 1 });
  const data = await loadFratDataset(o.dataDir);
  onProgress?.({ phase: "load", done: 1, total: 1 });
  const panel = buildPanel(data);
  const t1 = performance.now();
  const trainEndWeek = weekIndexOnOrBefore(panel, o.trainEnd);
  if (trainEndWeek < 0 || trainEndWeek >= panel.nWeeks - 1) {
    throw new ModelError(
      "INVALID_INPUT",
      `--train-end ${o.trainEnd} leaves no training or no test weeks`,
    );
  }
  const models: LiftModel[] = [];
  const categories = [...salesByCategory(data)];
  onProgress?.({ phase: "fit", done: 0, total: categories.length });
  for (const [category, sales] of categories) {
    const m = fitCategoryModel(sales, o.trainEnd, {
      config: { ...o.config, horizon: o.horizon },
      calibrationWeeks: o.calibrationWeeks,
    });
    if (!m)
      throw new ModelError(
        "INVALID_INPUT",
        `category ${category} has too little history before ${o.trainEnd}`,
      );
    models.push(m);
    onProgress?.({ phase: "fit", done: models.length, total: categories.length });
  }
  const t2 = performance.now();
  const lastValue = lastValueBaseline(panel, trainEndWeek, o.horizon);
  const meanMult = meanTimesMultiplierBaseline(panel, trainEndWeek);
  const acc = { model: new SplitAccuracy(), last: new SplitAccuracy(), mean: new SplitAccuracy() };
  const drift = new Set<string>();
  const weeksOf = (m: LiftModel) => m.panel.nWeeks - weekIndexOnOrBefore(m.panel, o.trainEnd) - 1;
  const steps = { done: 0, total: models.reduce((a, m) => a + Math.max(0, weeksOf(m)), 0) };
  onProgress?.({ phase: "predict", ...steps });
  for (const model of models) {
    const mp = model.panel;
    const first = weekIndexOnOrBefore(mp, o.trainEnd) + 1;
    for (let t = first; t < mp.nWeeks; t++) {
      const pred = model.predictWeek(t);
      const tw = weekIndexOnOrBefore(panel, mp.weekDates[t]!);
      for (let i = 0; i < pred.series.length; i++) {
        const ms = mp.series[pred.series[i]!]!;
        const s = panel.seriesIndex.get(seriesKey(ms.store, ms.upc))!;
        const actual = mp.units[pred.series[i]! * mp.nWeeks + t]!;
        const promoted = pred.promoted[i] === 1;
        const pl = pred.predLog[i]!;
        const b = model.calibration?.bucket(Math.exp(pred.baseLog[i]!), promoted);
        const shift =
          !b || o.pointForecast === "geometric"
            ? 1
            : o.pointForecast === "median"
              ? Math.exp(b.q50)
              : b.smear;
        const point = Math.exp(pl) * shift;
        const lower = b ? Math.exp(pl + b.q10) : point;
        const upper = b ? Math.exp(pl + b.q90) : point;
        acc.model.add(promoted, point, actual, lower, upper);
        acc.last.add(promoted, lastValue(s, tw), actual);
        acc.mean.add(promoted, meanMult(s, tw), actual);
        onPrediction?.({
          weekEndDate: mp.weekDates[t]!,
          store: ms.store,
          upc: ms.upc,
          predicted: point,
          lower,
          upper,
          actual,
        });
      }
      if (o.online) model.learnWeek(pred);
      onProgress?.({ phase: "predict", done: ++steps.done, total: steps.total });
    }
    for (const d of model.drift) if (d.drifting) drift.add(mp.weekDates[d.week]!);
  }
  const t3 = performance.now();
  return liftBacktestReportSchema.parse({
    dataDir: o.dataDir,
    trainEnd: o.trainEnd,
    testWeeks: {
      first: panel.weekDates[trainEndWeek + 1],
      last: panel.weekDates[panel.nWeeks - 1],
      count: panel.nWeeks - 1 - trainEndWeek,
    },
    horizon: o.horizon,
    online: o.online,
    pointForecast: o.pointForecast,
    data: data.report,
    timings: {
      loadSeconds: (t1 - t0) / 1000,
      fitSeconds: (t2 - t1) / 1000,
      predictSeconds: (t3 - t2) / 1000,
    },
    model: acc.model.result(),
    baselines: { lastValue: acc.last.result(), storeMeanTimesMultiplier: acc.mean.result() },
    driftWeeks: [...drift].sort(),
  });
}
