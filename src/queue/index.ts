export { enqueueCycle } from "./enqueue.js";
export type { EnqueueCycleOptions, EnqueuedCycle } from "./enqueue.js";
export { QueueError, isQueueError } from "./errors.js";
export type { QueueErrorCode } from "./errors.js";
export {
  cycleDecisionId,
  cycleKey,
  parseScopeJob,
  scopeJob,
  scopeJobId,
  scopeJobSchema,
  scopeOutcomeSchema,
} from "./job.js";
export type { CycleIdentity, CycleScope, ScopeJob, ScopeOutcome } from "./job.js";
export { openScopeQueue } from "./queue.js";
export type { ScopeQueue, ScopeQueueOptions } from "./queue.js";
export { redactUrl } from "../store/postgres/redact-url.js";
export { checkDatabaseUrl, databaseUrlFrom } from "./url.js";
export { waitForCycle } from "./wait.js";
export type { ScopeJobEnd, WaitOptions } from "./wait.js";
export { runScopeWorker } from "./worker.js";
export type { JobReport, ScopeWorkerOptions, WorkerReport } from "./worker.js";
