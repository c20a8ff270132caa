// The autopromo service: the HTTP server plus scheduled cycles, signal-triggered runs, the table
// feed and background delivery. What starts a run (schedule, queue, signals) is src/triggers/.
export { startService } from "./service.js";
export type { ServiceOptions, RunningService, ServiceNote, ShutdownReport } from "./service.js";
export type { CycleReport } from "../../triggers/index.js";
export { createTableFeed } from "./feed.js";
export type { TableFeed, FeedPoll } from "./feed.js";
export { createDeliveryWorker } from "./delivery-worker.js";
export type { DeliveryWorker, DeliveryWorkerOptions } from "./delivery-worker.js";
export { ensureDemoMarket } from "./demo-market.js";
export type { DemoLoad } from "./demo-market.js";
export { planningClock } from "./planning-clock.js";
export { parseDuration } from "./duration.js";
export { ServiceError, isServiceError } from "./errors.js";
export type { ServiceErrorCode } from "./errors.js";
