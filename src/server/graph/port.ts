import { z } from "zod";

/**
 * The small interface the HTTP layer needs from the promotion graph. Only ./langgraph.ts knows
 * the graph module; every route talks to this, so the rest of the API works without a graph.
 */

export const runScopeInputSchema = z.strictObject({
  category: z.string().min(1),
  market: z.string().min(1),
});
export type RunScopeInput = z.infer<typeof runScopeInputSchema>;

/** An approver's answer, with the role and name taken from the caller's token, never the body. */
export interface ApproverAnswer {
  role: string;
  approver: string;
  decision: "approve" | "reject";
  /** Empty or absent: the record says the vote came without a comment. */
  comment?: string;
}

/**
 * What a run does: start a decision for a scope, resume a thread interrupted for approval with a
 * vote, or continue a thread from its last checkpoint (a null input: a crashed run goes on, a
 * paused or finished one stays as it is).
 */
export type RunInput =
  | { kind: "start"; scope: RunScopeInput }
  | { kind: "resume"; answer: ApproverAnswer }
  | { kind: "continue" }
  /** A run on a graph registered beside the promotion graph: its input or resume value as sent. */
  | {
      kind: "raw";
      input: unknown;
      resume?: { value: unknown };
      approver: { name: string; role: string };
    };

/** One streamed part, named as the Agent Server names it (values, updates, custom, events …). */
export interface StreamPart {
  event: string;
  data: unknown;
}

/** One streamed step in "updates" mode: the node that ran and what it changed. */
export interface RunChunk {
  node: string;
  update: unknown;
}

/** Where a checkpoint is: the Agent Server's `checkpoint` object. */
export interface CheckpointRef {
  thread_id: string;
  checkpoint_ns: string;
  checkpoint_id: string | null;
  checkpoint_map: Record<string, unknown> | null;
}

/** An interrupt waiting for `command.resume`: its id and payload (the approval request). */
export interface InterruptView {
  id: string;
  value: unknown;
}

/** A pending task of a checkpoint, with the interrupts it raised. */
export interface TaskView {
  id: string;
  name: string;
  error: string | null;
  interrupts: InterruptView[];
  checkpoint: CheckpointRef | null;
  state: null;
  result?: unknown;
}

/** A thread's checkpointed state in the Agent Server's shape (ThreadState). */
export interface ThreadStateView {
  values: Record<string, unknown>;
  /** Nodes that will run next; empty when the run finished. */
  next: string[];
  checkpoint: CheckpointRef;
  metadata: Record<string, unknown> | null;
  created_at: string | null;
  parent_checkpoint: CheckpointRef | null;
  tasks: TaskView[];
  /** Every pending interrupt, flattened from the tasks. */
  interrupts: InterruptView[];
}

/** What GET /assistants/{id}/schemas answers. */
export interface GraphSchemas {
  graph_id: string;
  input_schema: unknown;
  output_schema: unknown;
  state_schema: unknown;
  config_schema: unknown;
  context_schema: unknown;
}

/** Options of one run on a graph. */
export interface StreamOptions {
  modes: readonly string[];
  signal?: AbortSignal;
  recursionLimit?: number;
  interruptBefore?: "*" | string[];
  interruptAfter?: "*" | string[];
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

/** A graph served as an assistant: runs, state, history and its drawing. */
export interface AssistantGraph {
  /** Runs (or resumes, or continues) on a thread, yielding the parts of the requested modes. */
  stream(threadId: string, input: RunInput, o: StreamOptions): AsyncIterable<StreamPart>;
  /** The thread's latest state, or the one at `checkpointId`; null before its first run. */
  state(threadId: string, checkpointId?: string): Promise<ThreadStateView | null>;
  /** Checkpoints newest first, up to `limit`, older than `before` when given. */
  history(threadId: string, o: { limit: number; before?: string }): Promise<ThreadStateView[]>;
  /** True once the thread has a checkpoint (it ran or is running). Synchronous: runs are claimed atomically. */
  started(threadId: string): boolean;
  /** The graph's nodes and edges (GET /assistants/{id}/graph). */
  drawable(xray: boolean): Promise<{ nodes: unknown[]; edges: unknown[] }>;
  schemas(): GraphSchemas;
}

/** What the thread and run routes need from the promotion graph. */
export interface GraphPort extends DecisionSource, AssistantGraph {
  /** A fresh thread id (decision ids double as thread ids). */
  newThreadId(scope?: RunScopeInput): string;
  /** Throws a 400 unless the scope's category and market are in the catalog. */
  checkScope(scope: RunScopeInput, field: string): void;
}
