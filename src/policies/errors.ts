import { AutopromoError } from "../errors.js";

/** Codes of governance errors; the two vote refusals map to HTTP 409 and 403. */
export type PolicyErrorCode =
  | "CONFIG_ERROR"
  | "INVALID_INPUT"
  | "NOT_FOUND"
  | "FILE_NOT_FOUND"
  | "APPROVER_ALREADY_VOTED"
  | "OWN_REQUEST";

/** A policy file or a governance operation is unusable; `ruleId` names a built-in rule when one is at stake. */
export class PolicyError extends AutopromoError<PolicyErrorCode> {
  readonly file: string | undefined;
  readonly ruleId: string | undefined;
  constructor(
    code: PolicyErrorCode,
    message: string,
    where: { file?: string; ruleId?: string; cause?: unknown } = {},
  ) {
    super(code, message, { cause: where.cause });
    this.name = "PolicyError";
    this.file = where.file;
    this.ruleId = where.ruleId;
  }
}

/** True when `e` is a PolicyError. */
export function isPolicyError(e: unknown): e is PolicyError {
  return e instanceof PolicyError;
}
