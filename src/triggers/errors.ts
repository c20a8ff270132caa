import { AutopromoError } from "../errors.js";

export type TriggerErrorCode = "ABANDONED";

/** An error of the trigger layer (its work queue), with a code callers branch on. */
export class TriggerError extends AutopromoError<TriggerErrorCode> {
  constructor(code: TriggerErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "TriggerError";
  }
}

/** True when `e` is a TriggerError (optionally with `code`). */
export function isTriggerError(e: unknown, code?: TriggerErrorCode): e is TriggerError {
  return e instanceof TriggerError && (code === undefined || e.code === code);
}
