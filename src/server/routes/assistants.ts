import { Hono } from "hono";
import type { RouteDeps } from "../deps.js";
import type { AppEnv } from "../env.js";
import type { AssistantView } from "../graph/agent-server.js";
import { assistantSearchSchema } from "../graph/protocol.js";
import { agentServerOf } from "./threads.js";
import { jsonBody } from "./validate.js";

const matches = (
  a: AssistantView,
  q: {
    graph_id?: string | null | undefined;
    name?: string | null | undefined;
    metadata?: Record<string, unknown> | null | undefined;
  },
) =>
  (!q.graph_id || a.graph_id === q.graph_id) &&
  (!q.name || a.name.includes(q.name)) &&
  Object.entries(q.metadata ?? {}).every(
    ([k, v]) => JSON.stringify(a.metadata[k]) === JSON.stringify(v),
  );

/** Assistants of the Agent Server protocol: one per served graph, read-only. */
export function assistantsRoutes(d: RouteDeps) {
  const agent = () => agentServerOf(d);
  const one = (id: string) => {
    agent().assistant(id);
    return agent()
      .assistants()
      .find((a) => a.assistant_id === id)!;
  };
  return new Hono<AppEnv>()
    .post("/assistants/search", jsonBody(assistantSearchSchema), (c) => {
      const q = c.req.valid("json");
      const all = agent()
        .assistants()
        .filter((a) => matches(a, q));
      return c.json(all.slice(q.offset, q.offset + q.limit), 200, {
        "X-Pagination-Total": String(all.length),
      });
    })
    .post(
      "/assistants/count",
      jsonBody(assistantSearchSchema.pick({ graph_id: true, name: true, metadata: true })),
      (c) =>
        c.json(
          agent()
            .assistants()
            .filter((a) => matches(a, c.req.valid("json"))).length,
        ),
    )
    .get("/assistants/:id", (c) => c.json(one(c.req.param("id"))))
    .get("/assistants/:id/graph", async (c) => {
      const xray = ["1", "true"].includes(c.req.query("xray") ?? "");
      return c.json(await agent().assistant(c.req.param("id")).drawable(xray));
    })
    .get("/assistants/:id/schemas", (c) => c.json(agent().assistant(c.req.param("id")).schemas()))
    .get("/assistants/:id/subgraphs", (c) => {
      agent().assistant(c.req.param("id"));
      return c.json({});
    });
}
