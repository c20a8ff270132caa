import { z } from "zod";
import { ROLE_SETS } from "../auth/roles.js";
import {
  assistantSchema,
  graphDrawingSchema,
  graphSchemasSchema,
} from "../graph/protocol-responses.js";
import { assistantSearchSchema } from "../graph/protocol.js";
import type { RouteDoc } from "../openapi.js";

const NO_GRAPH = { 501: "the server runs without the promotion graph" };

/** The assistants routes as documented. */
export const assistantsDocs: RouteDoc[] = [
  {
    method: "post",
    path: "/assistants/search",
    summary: "Assistants (one per served graph: promotion, and any registered)",
    roles: ROLE_SETS.read,
    body: assistantSearchSchema,
    response: z.array(assistantSchema),
    tag: "assistants",
    operationId: "searchAssistants",
    errors: NO_GRAPH,
  },
  {
    method: "post",
    path: "/assistants/count",
    summary: "How many assistants match",
    roles: ROLE_SETS.read,
    body: assistantSearchSchema.pick({ graph_id: true, name: true, metadata: true }),
    response: z.number().int(),
    tag: "assistants",
    operationId: "countAssistants",
    errors: NO_GRAPH,
  },
  {
    method: "get",
    path: "/assistants/{id}",
    summary: "One assistant",
    roles: ROLE_SETS.read,
    response: assistantSchema,
    tag: "assistants",
    operationId: "getAssistant",
    errors: { 404: "no such assistant", ...NO_GRAPH },
  },
  {
    method: "get",
    path: "/assistants/{id}/graph",
    summary: "The assistant's graph: nodes and edges",
    roles: ROLE_SETS.read,
    response: graphDrawingSchema,
    tag: "assistants",
    operationId: "getAssistantGraph",
    errors: { 404: "no such assistant", ...NO_GRAPH },
    query: [{ name: "xray", description: "include subgraphs", schema: z.boolean().optional() }],
  },
  {
    method: "get",
    path: "/assistants/{id}/schemas",
    summary: "The assistant's input, output, state and config JSON schemas",
    roles: ROLE_SETS.read,
    response: graphSchemasSchema,
    tag: "assistants",
    operationId: "getAssistantSchemas",
    errors: { 404: "no such assistant", ...NO_GRAPH },
  },
  {
    method: "get",
    path: "/assistants/{id}/subgraphs",
    summary: "The assistant's subgraphs (none)",
    roles: ROLE_SETS.read,
    response: z.record(z.string(), graphSchemasSchema),
    tag: "assistants",
    operationId: "getAssistantSubgraphs",
    errors: { 404: "no such assistant", ...NO_GRAPH },
  },
];
