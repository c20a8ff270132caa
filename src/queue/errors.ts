import { AutopromoError } from "../errors.js";

/** Codes a caller of the scope queue can branch on. */
export type QueueErrorCode =
  "INVALID_URL" | "INVALID_OPTION" | "UNREACHABLE" | "INVALID_JOB" | "CYCLE_FAILED" | "TIMEOUT";

/** The job queue could not be reached, read or finished. */
export class QueueError extends AutopromoError<QueueErrorCode> {
  constructor(code: QueueErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "QueueError";
  }
}

/** True when `e` is a QueueError. */
export function isQueueError(e: unknown): e is QueueError {
  return e instanceof QueueError;
}
