// What starts a run: signals mapped to scopes, inventory events, the cycle schedule and the work
// queue that turns triggers into runs (one at a time, coalesced by scope).
export { createTriggers } from "./triggers.js";
export type { IngestSummary, TriggerSource, Triggers } from "./triggers.js";
export { eventTrigger, mergeRunTriggers, MAX_TRIGGER_FACTS } from "./trigger.js";
export type { Scope, Trigger } from "./trigger.js";
export { createSignalScopes, triggersRuns } from "./signal-scopes.js";
export type { ScopeFacts, SignalScopes } from "./signal-scopes.js";
export { describeFact, signalReason } from "./signal-reason.js";
export { inventoryTriggers } from "./inventory-events.js";
export type { InventoryScan } from "./inventory-events.js";
export { createCycleScheduler, realTimers } from "./schedule.js";
export type { CycleScheduler, CycleSchedulerOptions, TickOutcome, Timers } from "./schedule.js";
export { runScheduledCycle } from "./cycle.js";
export type { CycleReport, ScheduledCycle } from "./cycle.js";
export { actedRecently, CYCLE_ACTS_ONCE_IN_DAYS } from "./acted.js";
export { createWorkQueue } from "./work-queue.js";
export type { ScopeJob, WorkQueue, WorkQueueOptions } from "./work-queue.js";
export { runOnEvents, runTriggers } from "./run-triggers.js";
export { TriggerError, isTriggerError } from "./errors.js";
export type { TriggerErrorCode } from "./errors.js";
