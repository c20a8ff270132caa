// The autopromo service: the HTTP server plus scheduled cycles, signal-triggered runs, the table feed and background delivery.
export { startService } from "./service.js";
export type {
  ServiceOptions,
  RunningService,
  ServiceNote,
  CycleReport,
  ShutdownReport,
} from "./service.js";
export { createCycleScheduler, realTimers } from "./scheduler.js";
export type { CycleScheduler, CycleSchedulerOptions, TickOutcome, Timers } from "./scheduler.js";
export { createWorkQueue } from "./work-queue.js";
export type { WorkQueue, WorkQueueOptions, ScopeJob, Scope } from "./work-queue.js";
export { createTableFeed } from "./feed.js";
export type { TableFeed, FeedPoll } from "./feed.js";
export { createSignalScopes, triggersRuns } from "./signal-scopes.js";
export type { SignalScopes } from "./signal-scopes.js";
export { createDeliveryWorker } from "./delivery-worker.js";
export type { DeliveryWorker, DeliveryWorkerOptions } from "./delivery-worker.js";
export { ensureDemoMarket } from "./demo-market.js";
export type { DemoLoad } from "./demo-market.js";
export { planningClock } from "./planning-clock.js";
export { parseDuration } from "./duration.js";
export { ServiceError, isServiceError } from "./errors.js";
export type { ServiceErrorCode } from "./errors.js";
