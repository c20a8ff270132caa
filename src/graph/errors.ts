import { AutopromoError } from "../errors.js";

/** Codes a caller of the graph and the decision records can branch on. */
export type GraphErrorCode =
  | "NOT_FOUND"
  | "NOT_AWAITING_APPROVAL"
  | "SUPERSEDED"
  | "INVALID_INPUT"
  | "RUN_FAILED"
  | "RUN_BUSY"
  | "WORKER_FAILED"
  | "NOT_REPLAYABLE"
  | "CHECKPOINT_FAILED";

/** A run, resume or replay could not proceed. */
export class GraphError extends AutopromoError<GraphErrorCode> {
  constructor(code: GraphErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "GraphError";
  }
}

/** True when `e` is a GraphError. */
export function isGraphError(e: unknown): e is GraphError {
  return e instanceof GraphError;
}
