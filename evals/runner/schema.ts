import { z } from "zod";

/**
 * `min`: the threshold is a floor (value ≥ threshold, or > with `strict`); `max`: a ceiling
 * (value ≤ threshold). A metric without a threshold is informative and always passes.
 */
export const directionSchema = z.enum(["min", "max"]);
export type Direction = z.infer<typeof directionSchema>;

/** One scored figure of a suite, with its change against the previous run of the same suite. */
export const metricSchema = z.object({
  name: z.string(),
  value: z.number(),
  threshold: z.number().nullable(),
  direction: directionSchema,
  strict: z.boolean().default(false),
  pass: z.boolean(),
  unit: z.string().optional(),
  previous: z.number().nullable().optional(),
  change: z.number().nullable().optional(),
});
export type Metric = z.infer<typeof metricSchema>;

/** One point; `lo`/`hi` draw an interval (an error bar) around it. */
const pointSchema = z.object({
  x: z.union([z.number(), z.string()]),
  y: z.number(),
  series: z.string(),
  lo: z.number().optional(),
  hi: z.number().optional(),
});

/** Chart data a suite returns; the HTML report renders it to SVG, the JSON keeps the numbers. */
export const chartDataSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(["line", "bar"]),
  x: z.object({
    title: z.string(),
    type: z.enum(["quantitative", "ordinal", "nominal", "temporal"]),
    format: z.string().optional(),
  }),
  y: z.object({
    title: z.string(),
    format: z.string().optional(),
    domain: z.tuple([z.number(), z.number()]).optional(),
  }),
  points: z.array(pointSchema),
  colors: z.record(z.string(), z.string()).optional(),
  dashed: z.array(z.string()).optional(),
  caption: z.string().optional(),
});
export type ChartData = z.infer<typeof chartDataSchema>;
export type ChartPoint = z.infer<typeof pointSchema>;

export const suiteStatusSchema = z.enum(["pass", "fail", "skipped", "error"]);
export type SuiteStatus = z.infer<typeof suiteStatusSchema>;

/** One suite's outcome: `skipped` (data or code missing) and `error` (it threw) carry a reason. */
export const suiteResultSchema = z.object({
  name: z.string(),
  description: z.string(),
  status: suiteStatusSchema,
  reason: z.string().optional(),
  seconds: z.number(),
  metrics: z.array(metricSchema),
  charts: z.array(chartDataSchema),
  details: z.unknown(),
});
export type SuiteResult = z.infer<typeof suiteResultSchema>;

/** One history point: a metric's value in an earlier run, for the "metric over runs" charts. */
export const historyPointSchema = z.object({
  runId: z.number().int(),
  startedAt: z.string(),
  suite: z.string(),
  metric: z.string(),
  value: z.number(),
  threshold: z.number().nullable(),
  unit: z.string().optional(),
});
export type HistoryPoint = z.infer<typeof historyPointSchema>;

/** The whole report (`--output`, `--json`). */
export const evalReportSchema = z.object({
  version: z.literal(1),
  runId: z.number().int().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  gitSha: z.string().nullable(),
  fast: z.boolean(),
  thresholdsEnforced: z.boolean(),
  dataDir: z.string(),
  passed: z.boolean(),
  suites: z.array(suiteResultSchema),
  history: z.array(historyPointSchema).default([]),
});
export type EvalReport = z.infer<typeof evalReportSchema>;
