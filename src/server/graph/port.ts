import { z } from "zod";

/**
 * The small interface the HTTP layer needs from the promotion graph. Only ./langgraph.ts knows
 * the graph module; every route talks to this, so the rest of the API works without a graph.
 */

export const runScopeInputSchema = z.strictObject({ category: z.string().min(1), market: z.string().min(1) });
export type RunScopeInput = z.infer<typeof runScopeInputSchema>;

/** An approver's answer, with the role and name taken from the caller's token, never the body. */
export interface ApproverAnswer {
  role: string;
  approver: string;
  decision: "approve" | "reject";
  comment: string;
}

/** Start a run for a scope, or resume a thread interrupted for approval. */
export type RunInput = { kind: "start"; scope: RunScopeInput } | { kind: "resume"; answer: ApproverAnswer };

/** One streamed step: the node that ran and what it changed (LangGraph's "updates" mode). */
export interface RunChunk {
  node: string;
  update: unknown;
}

/** A thread's checkpointed state as the API shows it. */
export interface ThreadStateView {
  threadId: string;
  values: Record<string, unknown>;
  /** Nodes that will run next; empty when the run finished. */
  next: string[];
  /** Interrupt payloads waiting for a `command.resume` (approval requests). */
  interrupts: unknown[];
  checkpointId: string | null;
  createdAt: string | null;
}

/** A decision record with its plain-language explanation. */
export interface DecisionView {
  record: Record<string, unknown> & { id: string; status: string };
  explanation: string;
}

/** Reading decision records; implemented by the graph adapter and by a table-only fallback. */
export interface DecisionSource {
  list(limit: number): DecisionView["record"][];
  /** The record with `id`, or null. */
  get(id: string): DecisionView | null;
  /** The decision waiting on approval request `requestId`, if any. */
  awaiting(requestId: string): string | null;
}

/** What the thread and run routes need from the graph. */
export interface GraphPort extends DecisionSource {
  /** A fresh thread id (decision ids double as thread ids). */
  newThreadId(scope?: RunScopeInput): string;
  /** Runs (or resumes) on a thread, yielding each node's update. */
  stream(threadId: string, input: RunInput, signal?: AbortSignal): AsyncIterable<RunChunk>;
  state(threadId: string): Promise<ThreadStateView | null>;
  history(threadId: string, limit: number): Promise<ThreadStateView[]>;
}
