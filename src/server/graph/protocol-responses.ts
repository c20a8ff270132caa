import { z } from "zod";

/**
 * Response shapes of the Agent Server protocol as this server answers them; they document the
 * OpenAPI responses (and tests parse real answers with them, so the two cannot drift).
 */

const json = z.record(z.string(), z.unknown());

export const checkpointRefSchema = z.object({
  thread_id: z.string(),
  checkpoint_ns: z.string(),
  checkpoint_id: z.string().nullable(),
  checkpoint_map: json.nullable(),
});

export const interruptSchema = z.object({ id: z.string(), value: z.unknown() });

export const threadTaskSchema = z.object({
  id: z.string(),
  name: z.string(),
  error: z.string().nullable(),
  interrupts: z.array(interruptSchema),
  checkpoint: checkpointRefSchema.nullable(),
  state: z.null(),
  result: z.unknown().optional(),
});

export const threadStateSchema = z.object({
  values: json,
  next: z.array(z.string()),
  checkpoint: checkpointRefSchema,
  metadata: json.nullable(),
  created_at: z.string().nullable(),
  parent_checkpoint: checkpointRefSchema.nullable(),
  tasks: z.array(threadTaskSchema),
  interrupts: z.array(interruptSchema),
});

export const threadSchema = z.object({
  thread_id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  state_updated_at: z.string(),
  metadata: json,
  status: z.enum(["idle", "busy", "interrupted", "error"]),
  values: json,
  interrupts: z.record(z.string(), z.array(interruptSchema)),
  config: json,
  error: z.string().nullable(),
  scope: z.object({ category: z.string(), market: z.string() }).nullable(),
});

export const runSchema = z.object({
  run_id: z.string(),
  thread_id: z.string(),
  assistant_id: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  status: z.enum(["pending", "running", "success", "interrupted", "error", "timeout"]),
  metadata: json,
  multitask_strategy: z.enum(["reject", "enqueue"]),
  kwargs: z.object({ kind: z.string(), stream_mode: z.array(z.string()) }),
  error: z.string().optional(),
});

export const assistantSchema = z.object({
  assistant_id: z.string(),
  graph_id: z.string(),
  name: z.string(),
  description: z.string(),
  config: json,
  context: json,
  metadata: json,
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});

/** What runs.wait and runs.join answer: the thread's values, with `__interrupt__` or `__error__`. */
export const runOutputSchema = z
  .object({
    __interrupt__: z.array(interruptSchema).optional(),
    __error__: z.object({ error: z.string(), message: z.string() }).optional(),
  })
  .catchall(z.unknown());

export const graphDrawingSchema = z.object({ nodes: z.array(json), edges: z.array(json) });

export const graphSchemasSchema = z.object({
  graph_id: z.string(),
  input_schema: z.unknown(),
  output_schema: z.unknown(),
  state_schema: z.unknown(),
  config_schema: z.unknown(),
  context_schema: z.unknown(),
});

export const updateStateResponseSchema = z.object({ checkpoint: checkpointRefSchema });
