import { AutopromoError } from "../errors.js";

/** Codes a caller of a reasoner can branch on. */
export type ReasonerErrorCode = "MODEL_TIMEOUT" | "MODEL_BEHAVIOR" | "MODEL_HTTP" | "CONFIG_ERROR";

/** A model failed to give a usable answer; the LLM reasoner turns these into an offline fallback. */
export class ReasonerError extends AutopromoError<ReasonerErrorCode> {
  constructor(code: ReasonerErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "ReasonerError";
  }
}

/** True when `e` is a ReasonerError. */
export function isReasonerError(e: unknown): e is ReasonerError {
  return e instanceof ReasonerError;
}
