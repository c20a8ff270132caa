/** Codes a caller can branch on; every error autopromo throws carries one. */
export type ErrorCode =
  | "INVALID_INPUT"
  | "MISSING_COLUMN"
  | "UNKNOWN_KIND"
  | "FILE_NOT_FOUND"
  | "NOT_FOUND"
  | "STORE_ERROR"
  | "CONFIG_ERROR";

// `Symbol.for` is shared by every copy of this module in a process: the compiled CLI loads the
// eval runner's TypeScript, which imports its own copy of `src/`.
const AUTOPROMO_ERROR = Symbol.for("autopromo.error");

/**
 * Base of every autopromo error: a message for people and a code for programs. Areas with their
 * own vocabulary (models, policies) narrow `C` to their codes.
 */
export class AutopromoError<C extends string = ErrorCode> extends Error {
  /** A registry-wide mark, so an error from a second copy of this module is still recognised. */
  readonly [AUTOPROMO_ERROR] = true;
  readonly code: C;
  constructor(code: C, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AutopromoError";
    this.code = code;
  }
}

/** A whole input (file, request body) is unusable; nothing from it was stored. */
export class InputError extends AutopromoError<ErrorCode> {
  readonly file: string | undefined;
  readonly field: string | undefined;
  constructor(
    code: "INVALID_INPUT" | "MISSING_COLUMN" | "UNKNOWN_KIND" | "FILE_NOT_FOUND",
    message: string,
    where: { file?: string; field?: string; cause?: unknown } = {},
  ) {
    super(code, message, { cause: where.cause });
    this.name = "InputError";
    this.file = where.file;
    this.field = where.field;
  }
}

/** True when `e` is an autopromo error (of any subclass). */
export function isAutopromoError(e: unknown): e is AutopromoError<string> {
  return (
    e instanceof AutopromoError ||
    (e instanceof Error && (e as unknown as Record<symbol, unknown>)[AUTOPROMO_ERROR] === true)
  );
}
