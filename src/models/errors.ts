import { AutopromoError } from "../errors.js";

/** Codes a caller of the models can branch on. */
export type ModelErrorCode =
  | "DATA_MISSING"
  | "DATA_INVALID"
  | "NOT_FITTED"
  | "UNKNOWN_SERIES"
  | "SINGULAR_SYSTEM"
  | "INVALID_INPUT";

/** Any failure raised by src/models: a message for people and a code for programs. */
export class ModelError extends AutopromoError<ModelErrorCode> {
  constructor(code: ModelErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "ModelError";
  }
}

/** True when `e` is a ModelError. */
export function isModelError(e: unknown): e is ModelError {
  return e instanceof ModelError;
}
