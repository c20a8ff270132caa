// The agents' data tools: each declared once with zod input and output schemas.
export { defineTool, asOfDate, shiftDate } from "./define.js";
export type { AgentTool, ToolContext, ToolClock, ToolDefinition } from "./define.js";
export { ToolError, isToolError } from "./errors.js";
export type { ToolErrorCode } from "./errors.js";
export {
  salesTrend,
  salesTrendInputSchema,
  salesTrendOutputSchema,
  salesWeekSchema,
} from "./sales-trend.js";
export type { SalesTrend } from "./sales-trend.js";
export {
  inventoryPosition,
  inventoryPositionInputSchema,
  inventoryPositionOutputSchema,
  stockPositionSchema,
  readStockPositions,
} from "./inventory-position.js";
export type { StockPosition } from "./inventory-position.js";
export {
  productionSchedule,
  productionScheduleInputSchema,
  productionScheduleOutputSchema,
  scheduledWeekSchema,
  readSchedule,
} from "./production-schedule.js";
export type { ScheduledWeek } from "./production-schedule.js";
export {
  competitorPrices,
  competitorPricesInputSchema,
  competitorPricesOutputSchema,
  competitorObservationSchema,
  readCompetitorPrices,
  readRegularPrices,
} from "./competitor-prices.js";
export type { CompetitorObservation } from "./competitor-prices.js";
export {
  consumerSignals,
  consumerSignalsInputSchema,
  consumerSignalsOutputSchema,
  signalReadingSchema,
  readSignals,
} from "./consumer-signals.js";
export type { SignalReading } from "./consumer-signals.js";
export {
  baselineForecast,
  baselineForecasts,
  baselineForecastInputSchema,
  baselineForecastOutputSchema,
  forecastWeekSchema,
  BASELINE_METHOD,
} from "./baseline-forecast.js";
export type { BaselineForecast, BaselineRequest } from "./baseline-forecast.js";
export { fitBaseline, toUnits } from "./forecast/fit.js";
export type { BaselineFit, BaselinePoint } from "./forecast/fit.js";
export { baselineOf, GridBaselines } from "./forecast/series-forecast.js";
export type { SeriesBaseline, ForecastWeek } from "./forecast/series-forecast.js";
export { normalUpperTail, normalUpperQuantile } from "./forecast/normal.js";
export { loadWeeklySales, latestWeeks, bySeries, toGrid } from "./series.js";
export type { WeekRow, WeeklyQuery, WeeklyGrid } from "./series.js";
export { asLangChainTool } from "./langchain.js";
export { dataTools } from "./registry.js";
