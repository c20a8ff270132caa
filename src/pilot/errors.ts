import { AutopromoError } from "../errors.js";

export type PilotErrorCode = "INVALID_INPUT" | "NO_ACCURACY_RECORD";

/** A pilot or tuning failure a caller can branch on. */
export class PilotError extends AutopromoError<PilotErrorCode> {
  constructor(code: PilotErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "PilotError";
  }
}

export const isPilotError = (e: unknown): e is PilotError => e instanceof PilotError;
