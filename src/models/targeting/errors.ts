import { AutopromoError } from "../../errors.js";

/** Codes a caller of the targeting models can branch on. */
export type TargetingErrorCode =
  | "FILE_NOT_FOUND"
  | "MISSING_COLUMN"
  | "NO_VALID_ROWS"
  | "PROTECTED_FEATURE"
  | "INVALID_INPUT"
  | "EMPTY_ARM";

/** Any failure raised by src/models/targeting; `file`/`column` say where when it is about input. */
export class TargetingError extends AutopromoError<TargetingErrorCode> {
  readonly file: string | undefined;
  readonly column: string | undefined;
  constructor(
    code: TargetingErrorCode,
    message: string,
    where: { file?: string; column?: string; cause?: unknown } = {},
  ) {
    super(code, message, { cause: where.cause });
    this.name = "TargetingError";
    this.file = where.file;
    this.column = where.column;
  }
}

/** True when `e` is a TargetingError. */
export function isTargetingError(e: unknown): e is TargetingError {
  return e instanceof TargetingError;
}
