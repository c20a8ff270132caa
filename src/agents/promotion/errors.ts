import { AutopromoError } from "../../errors.js";

/** Codes a caller of the demand, inventory and promotion agents can branch on. */
export type AgentErrorCode = "NO_DATA" | "UNKNOWN_SCOPE" | "INVALID_SCENARIO";

/** An agent could not do its job for the scope it was given. */
export class AgentError extends AutopromoError<AgentErrorCode> {
  constructor(code: AgentErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "AgentError";
  }
}

/** True when `e` is an AgentError. */
export function isAgentError(e: unknown): e is AgentError {
  return e instanceof AgentError;
}
