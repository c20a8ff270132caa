import { AutopromoError } from "../../src/errors.js";

/** Codes of the eval runner's errors. */
export type EvalErrorCode =
  "UNKNOWN_SUITE" | "DATA_MISSING" | "SUITE_UNAVAILABLE" | "INVALID_INPUT" | "REPORT_INVALID";

/** An eval runner error; `DATA_MISSING` and `SUITE_UNAVAILABLE` make a suite "skipped", not failed. */
export class EvalError extends AutopromoError<EvalErrorCode> {
  constructor(code: EvalErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "EvalError";
  }
}

/** True when `e` is an eval runner error. */
export function isEvalError(e: unknown): e is EvalError {
  return e instanceof EvalError;
}

/** True when the error means "cannot run here" (missing data, missing suite), which is a skip. */
export function isSkip(e: unknown): e is EvalError {
  return isEvalError(e) && (e.code === "DATA_MISSING" || e.code === "SUITE_UNAVAILABLE");
}
