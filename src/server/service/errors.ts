import { AutopromoError } from "../../errors.js";

export type ServiceErrorCode = "ABANDONED" | "INVALID_OPTION" | "SHUTTING_DOWN";

/** An error of the running service (its queue, schedule or shutdown), with a code callers branch on. */
export class ServiceError extends AutopromoError<ServiceErrorCode> {
  constructor(code: ServiceErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "ServiceError";
  }
}

/** True when `e` is a ServiceError (optionally with `code`). */
export function isServiceError(e: unknown, code?: ServiceErrorCode): e is ServiceError {
  return e instanceof ServiceError && (code === undefined || e.code === code);
}
