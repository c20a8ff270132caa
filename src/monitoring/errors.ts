import { AutopromoError } from "../errors.js";

export type MonitoringErrorCode = "NOT_FOUND" | "INVALID_INPUT";

/** A failure raised by src/monitoring (bad outcome input, unknown campaign). */
export class MonitoringError extends AutopromoError<MonitoringErrorCode> {
  constructor(code: MonitoringErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "MonitoringError";
  }
}

/** True when `e` is a MonitoringError. */
export function isMonitoringError(e: unknown): e is MonitoringError {
  return e instanceof MonitoringError;
}
