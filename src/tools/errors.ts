import { AutopromoError } from "../errors.js";

/** Codes a caller of a data tool can branch on. */
export type ToolErrorCode =
  "INVALID_TOOL_INPUT" | "INVALID_TOOL_OUTPUT" | "UNKNOWN_SCOPE" | "NO_DATA";

/** A data tool refused its input, found nothing to answer with, or broke its own output contract. */
export class ToolError extends AutopromoError<ToolErrorCode> {
  readonly tool: string;
  constructor(code: ToolErrorCode, tool: string, message: string, options?: { cause?: unknown }) {
    super(code, `${tool}: ${message}`, options);
    this.name = "ToolError";
    this.tool = tool;
  }
}

/** True when `e` is a ToolError. */
export function isToolError(e: unknown): e is ToolError {
  return e instanceof ToolError;
}
