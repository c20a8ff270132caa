import { z } from "zod";
import { ROLE_SETS } from "../auth/roles.js";
import {
  assistantSchema, graphDrawingSchema, graphSchemasSchema, runOutputSchema, runSchema,
  threadSchema, threadStateSchema, updateStateResponseSchema,
} from "../graph/protocol-responses.js";
import {
  assistantSearchSchema, historySchema, runCreateSchema, stateAtSchema, stateUpdateSchema,
  threadCreateSchema, threadPatchSchema, threadSearchSchema,
} from "../graph/protocol.js";
import type { RouteDoc } from "../openapi.js";

const RUNNERS = [...new Set([...ROLE_SETS.run, "finance", "legal", "marketing", "supply_chain", "category_manager"] as const)];
const T = "/threads/{id}";
const R = `${T}/runs/{run_id}`;
const tag = "threads";
const NO_GRAPH = { 501: "the server runs without the promotion graph" };
const NO_THREAD = { 404: "no such thread", ...NO_GRAPH };
const RUN_ERRORS = {
  400: "invalid body, unknown scope, or an option this server refuses (named in the message)",
  404: "no such thread (without if_not_exists: create) or assistant",
  409: "the thread is busy (multitask_strategy reject), waits on approval (a new start), is not waiting for approval, or this role already voted",
  ...NO_GRAPH,
};
const RUN_HEADERS = { "Content-Location": "the run's URL (/threads/{id}/runs/{run_id})" };
const STREAM_HEADERS = { ...RUN_HEADERS, Location: "where to re-join the stream (GET …/stream with Last-Event-ID)" };
const list = (max: number) => [
  { name: "limit", description: `at most this many (1-${max})`, schema: z.number().int().min(1).max(max).optional() },
  { name: "offset", description: "skip this many", schema: z.number().int().min(0).optional() },
];
const runSummary = (what: string) =>
  `${what}. Body as the official client sends it: assistant_id (promotion), input { scope: { category, market } } or command { resume: { decision, comment? } } (a vote, by a role the approval request asks), stream_mode, multitask_strategy (reject | enqueue), config, metadata, if_not_exists.`;

/** The assistants routes as documented. */
export const assistantsDocs: RouteDoc[] = [
  { method: "post", path: "/assistants/search", summary: "Assistants (one per served graph: promotion, and any registered)", roles: ROLE_SETS.read, body: assistantSearchSchema, response: z.array(assistantSchema), tag: "assistants", operationId: "searchAssistants", errors: NO_GRAPH },
  { method: "post", path: "/assistants/count", summary: "How many assistants match", roles: ROLE_SETS.read, body: assistantSearchSchema.pick({ graph_id: true, name: true, metadata: true }), response: z.number().int(), tag: "assistants", operationId: "countAssistants", errors: NO_GRAPH },
  { method: "get", path: "/assistants/{id}", summary: "One assistant", roles: ROLE_SETS.read, response: assistantSchema, tag: "assistants", operationId: "getAssistant", errors: { 404: "no such assistant", ...NO_GRAPH } },
  { method: "get", path: "/assistants/{id}/graph", summary: "The assistant's graph: nodes and edges", roles: ROLE_SETS.read, response: graphDrawingSchema, tag: "assistants", operationId: "getAssistantGraph", errors: { 404: "no such assistant", ...NO_GRAPH }, query: [{ name: "xray", description: "include subgraphs", schema: z.boolean().optional() }] },
  { method: "get", path: "/assistants/{id}/schemas", summary: "The assistant's input, output, state and config JSON schemas", roles: ROLE_SETS.read, response: graphSchemasSchema, tag: "assistants", operationId: "getAssistantSchemas", errors: { 404: "no such assistant", ...NO_GRAPH } },
  { method: "get", path: "/assistants/{id}/subgraphs", summary: "The assistant's subgraphs (none)", roles: ROLE_SETS.read, response: z.record(z.string(), graphSchemasSchema), tag: "assistants", operationId: "getAssistantSubgraphs", errors: { 404: "no such assistant", ...NO_GRAPH } },
];

/** The threads and runs routes as documented. */
export const threadsDocs: RouteDoc[] = [
  { method: "post", path: "/threads", summary: "Create a thread (thread_id, if_exists, metadata ≤ 16 KB, optional scope checked against the catalog); its id becomes its first decision's id", roles: ROLE_SETS.run, body: threadCreateSchema, response: threadSchema, tag, operationId: "createThread", errors: { 400: "invalid body or a scope not in the catalog", 409: "the thread exists (if_exists: raise)", ...NO_GRAPH } },
  { method: "post", path: "/threads/search", summary: "Threads created through the API, filtered by metadata, ids, status, values", roles: ROLE_SETS.read, body: threadSearchSchema, response: z.array(threadSchema), tag, operationId: "searchThreads", errors: NO_GRAPH },
  { method: "post", path: "/threads/count", summary: "How many threads match", roles: ROLE_SETS.read, body: threadSearchSchema.pick({ metadata: true, values: true, status: true }), response: z.number().int(), tag, operationId: "countThreads", errors: NO_GRAPH },
  { method: "get", path: T, summary: "One thread with its status, values and pending interrupts", roles: ROLE_SETS.read, response: threadSchema, tag, operationId: "getThread", errors: NO_THREAD },
  { method: "patch", path: T, summary: "Merge metadata into a thread", roles: ROLE_SETS.run, body: threadPatchSchema, response: threadSchema, tag, operationId: "patchThread", errors: { 400: "invalid body", 409: "a thread the scheduler started", ...NO_THREAD } },
  { method: "delete", path: T, summary: "Delete a thread that never ran (a thread that ran keeps its checkpoints: the decision's audit trail)", roles: ROLE_SETS.run, status: 204, tag, operationId: "deleteThread", errors: { 409: "the thread has run", ...NO_THREAD } },
  { method: "get", path: `${T}/state`, summary: "The thread's latest state: values, next, checkpoint, metadata, parent_checkpoint, tasks with interrupts", roles: ROLE_SETS.read, response: threadStateSchema, tag, operationId: "getThreadState", errors: NO_THREAD },
  { method: "post", path: `${T}/state`, summary: "Set the scope of a thread that has not run ({ values: { scope } }); a decision's state is otherwise written by its nodes only", roles: ROLE_SETS.run, body: stateUpdateSchema, response: updateStateResponseSchema, tag, operationId: "updateThreadState", errors: { 400: "values other than a catalog scope", 409: "the thread has run", ...NO_THREAD } },
  { method: "get", path: `${T}/state/{checkpoint_id}`, summary: "The thread's state at one checkpoint", roles: ROLE_SETS.read, response: threadStateSchema, tag, operationId: "getThreadStateAtCheckpoint", errors: { 404: "no such thread or checkpoint", ...NO_GRAPH } },
  { method: "post", path: `${T}/state/checkpoint`, summary: "The thread's state at the checkpoint given in the body", roles: ROLE_SETS.read, body: stateAtSchema, response: threadStateSchema, tag, operationId: "postThreadStateAtCheckpoint", errors: { 400: "invalid body", 404: "no such thread or checkpoint", ...NO_GRAPH } },
  { method: "get", path: `${T}/history`, summary: "The thread's checkpoints, newest first", roles: ROLE_SETS.read, response: z.array(threadStateSchema), tag, operationId: "getThreadHistory", errors: NO_THREAD, query: [list(1000)[0]!, { name: "before", description: "only checkpoints older than this checkpoint id", schema: z.string().optional() }] },
  { method: "post", path: `${T}/history`, summary: "The thread's checkpoints, newest first (limit, before, metadata filter)", roles: ROLE_SETS.read, body: historySchema, response: z.array(threadStateSchema), tag, operationId: "postThreadHistory", errors: { 400: "invalid body", ...NO_THREAD } },
  { method: "post", path: `${T}/runs`, summary: runSummary("Create a run in the background; the answer is the run"), roles: RUNNERS, body: runCreateSchema, response: runSchema, headers: RUN_HEADERS, tag, operationId: "createRun", errors: RUN_ERRORS },
  { method: "post", path: `${T}/runs/wait`, summary: runSummary("Create a run and wait for its end or its next interrupt; the answer is the thread's values (with __interrupt__ or __error__)"), roles: RUNNERS, body: runCreateSchema, response: runOutputSchema, headers: RUN_HEADERS, tag, operationId: "waitRun", errors: RUN_ERRORS },
  { method: "post", path: `${T}/runs/stream`, summary: runSummary("Create a run and stream it as server-sent events: metadata (run_id), then one event per part of each stream_mode (values, updates, events, custom, debug, tasks, checkpoints, messages), error on failure"), roles: RUNNERS, body: runCreateSchema, produces: "text/event-stream", headers: STREAM_HEADERS, tag, operationId: "streamRun", errors: RUN_ERRORS },
  { method: "post", path: "/runs", summary: runSummary("Create a run on a new thread, in the background"), roles: RUNNERS, body: runCreateSchema, response: runSchema, headers: RUN_HEADERS, tag: "runs", operationId: "createStatelessRun", errors: RUN_ERRORS },
  { method: "post", path: "/runs/wait", summary: runSummary("Create a run on a new thread and wait for it"), roles: RUNNERS, body: runCreateSchema, response: runOutputSchema, headers: RUN_HEADERS, tag: "runs", operationId: "waitStatelessRun", errors: RUN_ERRORS },
  { method: "post", path: "/runs/stream", summary: runSummary("Create a run on a new thread and stream it"), roles: RUNNERS, body: runCreateSchema, produces: "text/event-stream", headers: STREAM_HEADERS, tag: "runs", operationId: "streamStatelessRun", errors: RUN_ERRORS },
  { method: "get", path: `${T}/runs`, summary: "The thread's runs since the server started, newest first", roles: ROLE_SETS.read, response: z.array(runSchema), tag, operationId: "listRuns", errors: NO_THREAD, query: [...list(1000), { name: "status", description: "only runs with this status", schema: runSchema.shape.status.optional() }] },
  { method: "get", path: R, summary: "One run", roles: ROLE_SETS.read, response: runSchema, tag, operationId: "getRun", errors: { 404: "no such run on this thread", ...NO_GRAPH } },
  { method: "get", path: `${R}/join`, summary: "Wait for a run to end; the answer is the thread's values (as runs/wait)", roles: ROLE_SETS.read, response: runOutputSchema, tag, operationId: "joinRun", errors: { 404: "no such run on this thread", ...NO_GRAPH } },
  { method: "get", path: `${R}/stream`, summary: "Join a run's stream: every part after Last-Event-ID, then new ones until it ends", roles: ROLE_SETS.read, produces: "text/event-stream", tag, operationId: "joinRunStream", errors: { 404: "no such run on this thread", ...NO_GRAPH }, query: [{ name: "cancel_on_disconnect", description: "1: cancel the run when this stream closes", schema: z.enum(["0", "1"]).optional() }] },
  { method: "post", path: `${R}/cancel`, summary: "Cancel a pending or running run (it stops at the next step; launches are transactional)", roles: RUNNERS, status: 202, alsoOk: { 204: "cancelled and stopped (wait=1)" }, tag, operationId: "cancelRun", errors: { 404: "no such run on this thread", ...NO_GRAPH }, query: [{ name: "wait", description: "1: answer once the run has stopped", schema: z.enum(["0", "1"]).optional() }, { name: "action", description: "interrupt (rollback is treated as interrupt: checkpoints are records)", schema: z.enum(["interrupt", "rollback"]).optional() }] },
  { method: "delete", path: R, summary: "Forget a finished run", roles: RUNNERS, status: 204, tag, operationId: "deleteRun", errors: { 404: "no such run on this thread", 409: "the run is still active", ...NO_GRAPH } },
];
