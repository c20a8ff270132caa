// The eval runner: suite registry, runner, history, console and HTML reports.
export { defaultSuites, selectSuites } from "./suites.js";
export type { Suite, SuiteContext, SuiteOutcome } from "./types.js";
export { metric, meetsThreshold, suiteStatusOf, exitCodeFor, thresholdLabel } from "./metric.js";
export type { MetricSpec } from "./metric.js";
export { runEvals, runSuite, currentGitSha } from "./run.js";
export type { RunEvalsOptions } from "./run.js";
export { saveRun, previousValues, withChange, annotateChanges, metricHistory } from "./history.js";
export { renderConsole, suiteProgressBar } from "./console.js";
export { formatValue, formatChange, isWorse } from "./format.js";
export { chartSpec, renderChartSvg, historyCharts } from "./charts.js";
export { renderHtmlReport } from "./html/render.js";
export { resolveDataDir, requireData } from "./data.js";
export { runEvalsCommand } from "./cli.js";
export type { EvalsFlags, EvalsOutput } from "./cli.js";
export { EvalError, isEvalError, isSkip } from "./errors.js";
export type { EvalErrorCode } from "./errors.js";
export {
  evalReportSchema,
  suiteResultSchema,
  metricSchema,
  chartDataSchema,
  historyPointSchema,
  directionSchema,
} from "./schema.js";
export type {
  EvalReport,
  SuiteResult,
  Metric,
  ChartData,
  ChartPoint,
  HistoryPoint,
  Direction,
  SuiteStatus,
} from "./schema.js";
export { summariseTimings, latencySuite } from "./suites/latency.js";
export { policySuite } from "./suites/policy.js";
export { perceptionSuite } from "./suites/perception.js";
export { liftBacktestSuite } from "./suites/lift-backtest.js";
export { upliftSuite } from "./suites/uplift.js";
export { reasoningSuite } from "./suites/reasoning.js";
