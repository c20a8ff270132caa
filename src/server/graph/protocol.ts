import { z } from "zod";
import { assertJsonDepth } from "../routes/validate.js";

/**
 * Request bodies of the LangGraph Agent Server protocol, as `@langchain/langgraph-sdk` sends them
 * (snake_case; keys the client leaves undefined are not sent). Strict: a misspelt key is a 400.
 * Options the client may send that this server does not implement are refused by name
 * (see {@link unsupportedRunOptions}) rather than silently ignored.
 */

/** Longest thread id: ids end up in URLs, logs and decision records. */
export const MAX_THREAD_ID = 128;
/** Largest thread or run metadata, as JSON. */
export const MAX_METADATA_BYTES = 16 * 1024;

export const threadIdSchema = z
  .string()
  .min(1)
  .max(MAX_THREAD_ID, `a thread id is at most ${MAX_THREAD_ID} characters`)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/,
    "a thread id is letters, digits and _ . : - (a UUID fits)",
  );

export const metadataSchema = z
  .record(z.string(), z.unknown())
  // The depth check first: JSON.stringify recurses, and a 100,000-deep body would overflow it.
  .refine(
    (m) => (
      assertJsonDepth(m, "metadata"),
      Buffer.byteLength(JSON.stringify(m)) <= MAX_METADATA_BYTES
    ),
    `metadata is at most ${MAX_METADATA_BYTES} bytes of JSON`,
  );

export const scopeSchema = z.strictObject({
  category: z.string().min(1).max(100),
  market: z.string().min(1).max(100),
});

export const STREAM_MODES = [
  "values",
  "updates",
  "events",
  "custom",
  "debug",
  "messages",
  "messages-tuple",
  "tasks",
  "checkpoints",
] as const;
export const streamModeSchema = z.enum(STREAM_MODES);
export type StreamMode = z.infer<typeof streamModeSchema>;

export const multitaskSchema = z.enum(["reject", "enqueue", "interrupt", "rollback"]);
export type MultitaskStrategy = z.infer<typeof multitaskSchema>;

const configSchema = z
  .object({
    tags: z.array(z.string()).optional(),
    recursion_limit: z.number().int().min(1).max(1000).optional(),
    configurable: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

/** `command` of a run: only `resume` (the approval vote); jumping nodes would skip governance. */
export const commandSchema = z.strictObject({
  resume: z.unknown(),
  goto: z.unknown().optional(),
  update: z.unknown().optional(),
});

const nullable = <T extends z.ZodType>(s: T) => s.nullable().optional();

/** POST /threads/{id}/runs, /runs/wait, /runs/stream (and the stateless /runs…). */
export const runCreateSchema = z.strictObject({
  assistant_id: z.string().min(1).max(200).default("promotion"),
  input: nullable(z.unknown()),
  command: nullable(commandSchema),
  config: nullable(configSchema),
  context: nullable(z.unknown()),
  metadata: nullable(metadataSchema),
  stream_mode: nullable(z.union([streamModeSchema, z.array(streamModeSchema)])),
  stream_subgraphs: nullable(z.boolean()),
  stream_resumable: nullable(z.boolean()),
  feedback_keys: nullable(z.array(z.string())),
  interrupt_before: nullable(z.union([z.literal("*"), z.array(z.string())])),
  interrupt_after: nullable(z.union([z.literal("*"), z.array(z.string())])),
  checkpoint: nullable(z.record(z.string(), z.unknown())),
  checkpoint_id: nullable(z.string()),
  webhook: nullable(z.string()),
  strict_resume: nullable(z.boolean()),
  multitask_strategy: nullable(multitaskSchema),
  on_completion: nullable(z.enum(["delete", "keep"])),
  on_disconnect: nullable(z.enum(["cancel", "continue"])),
  after_seconds: nullable(z.number().min(0)),
  if_not_exists: nullable(z.enum(["create", "reject"])),
  checkpoint_during: nullable(z.boolean()),
  durability: nullable(z.enum(["sync", "async", "exit"])),
  langsmith_tracer: nullable(z.record(z.string(), z.unknown())),
});
export type RunCreateBody = z.infer<typeof runCreateSchema>;

/** Names the options of a run body this server refuses, with why; empty when all are supported. */
export function unsupportedRunOptions(b: RunCreateBody): string[] {
  const out: string[] = [];
  if (b.command && (b.command.goto !== undefined || b.command.update !== undefined))
    out.push(
      "command.goto / command.update (a run may not jump past governance; only command.resume is accepted)",
    );
  if (b.checkpoint || b.checkpoint_id)
    out.push(
      "checkpoint / checkpoint_id (a decision is never forked from an earlier step: it could launch twice)",
    );
  if (b.webhook) out.push("webhook (subscribe to GET /events instead)");
  if (b.after_seconds) out.push("after_seconds (schedule runs with `autopromo start`)");
  if (b.multitask_strategy === "interrupt" || b.multitask_strategy === "rollback")
    out.push(
      `multitask_strategy ${b.multitask_strategy} (a run is never cut short mid-launch; use reject or enqueue)`,
    );
  return out;
}

/** POST /threads. */
export const threadCreateSchema = z.strictObject({
  thread_id: nullable(threadIdSchema),
  if_exists: nullable(z.enum(["raise", "do_nothing"])),
  metadata: nullable(metadataSchema),
  /** autopromo's own: the category × market a run on this thread plans, checked against the catalog. */
  scope: nullable(scopeSchema),
  supersteps: nullable(
    z
      .array(z.unknown())
      .max(0, "supersteps are not supported: a decision's state comes from its run"),
  ),
  ttl: nullable(z.unknown()),
});

/** PATCH /threads/{id}. */
export const threadPatchSchema = z.strictObject({
  metadata: nullable(metadataSchema),
  ttl: nullable(z.unknown()),
});

const sortOrder = z.enum(["asc", "desc"]);

/** POST /threads/search and /threads/count. */
export const threadSearchSchema = z.strictObject({
  metadata: nullable(z.record(z.string(), z.unknown())),
  ids: nullable(z.array(z.string()).max(1000)),
  values: nullable(z.record(z.string(), z.unknown())),
  status: nullable(z.enum(["idle", "busy", "interrupted", "error"])),
  limit: z.number().int().min(1).max(1000).default(10),
  offset: z.number().int().min(0).default(0),
  sort_by: nullable(
    z.enum(["thread_id", "status", "created_at", "updated_at", "state_updated_at"]),
  ),
  sort_order: nullable(sortOrder),
  select: nullable(z.array(z.string())),
  extract: nullable(z.record(z.string(), z.string())),
});

/** POST /threads/{id}/history. */
export const historySchema = z.strictObject({
  limit: z.number().int().min(1).max(1000).default(10),
  before: nullable(z.union([z.string(), z.record(z.string(), z.unknown())])),
  metadata: nullable(z.record(z.string(), z.unknown())),
  checkpoint: nullable(z.record(z.string(), z.unknown())),
  select: nullable(z.array(z.string())),
});

/** POST /threads/{id}/state (updateState): only a not-yet-run thread's scope may be set. */
export const stateUpdateSchema = z.strictObject({
  values: z.unknown(),
  as_node: nullable(z.string()),
  checkpoint: nullable(z.record(z.string(), z.unknown())),
  checkpoint_id: nullable(z.string()),
});

/** POST /threads/{id}/state/checkpoint. */
export const stateAtSchema = z.strictObject({
  checkpoint: z.record(z.string(), z.unknown()),
  subgraphs: nullable(z.boolean()),
  select: nullable(z.array(z.string())),
});

/** POST /assistants/search and /assistants/count. */
export const assistantSearchSchema = z.strictObject({
  graph_id: nullable(z.string()),
  name: nullable(z.string()),
  metadata: nullable(z.record(z.string(), z.unknown())),
  limit: z.number().int().min(1).max(1000).default(10),
  offset: z.number().int().min(0).default(0),
  sort_by: nullable(z.enum(["assistant_id", "graph_id", "name", "created_at", "updated_at"])),
  sort_order: nullable(sortOrder),
  select: nullable(z.array(z.string())),
});

/** Stream modes of a run body, the Agent Server default being values. */
export function modesOf(b: Pick<RunCreateBody, "stream_mode">): StreamMode[] {
  const m = b.stream_mode ?? ["values"];
  return [...new Set(Array.isArray(m) ? m : [m])];
}
