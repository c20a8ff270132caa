// Monitoring: live campaigns against their forecast, the stop-loss, settlement and the accuracy record.
export { monitorCampaigns } from "./monitor.js";
export type { MonitorReport, CampaignCheck, Escalation } from "./monitor.js";
export { campaignPerformance } from "./performance.js";
export type { CampaignPerformance, WeekPerformance } from "./performance.js";
export { forecastOfDecision } from "./forecast.js";
export type { CampaignForecast } from "./forecast.js";
export { stopLossTest } from "./stop-loss.js";
export type { StopLossTest, StopLossSettings } from "./stop-loss.js";
export {
  recordOutcome,
  accuracyRecord,
  accuracyOf,
  settledOutcomes,
  settledOutcomeSchema,
} from "./accuracy.js";
export type { SettledOutcome, AccuracyRow, OutcomeFilter } from "./accuracy.js";
export { settleCampaign, baselineOutcome } from "./settle.js";
export { monitoringEvents, recordMonitoringEvent } from "./events.js";
export type { MonitoringEvent, MonitoringEventKind } from "./events.js";
export { tQuantile } from "./stats.js";
export { MonitoringError, isMonitoringError } from "./errors.js";
export type { MonitoringErrorCode } from "./errors.js";
