import { Hono, type Context } from "hono";
import { z } from "zod";
import { requireRole } from "../auth/middleware.js";
import { ROLE_SETS } from "../auth/roles.js";
import type { RouteDeps } from "../deps.js";
import type { AppEnv } from "../env.js";
import { ApiError } from "../errors.js";
import type { AgentServer, ThreadView } from "../graph/agent-server.js";
import { PROMOTION_GRAPH_ID } from "../graph/langgraph.js";
import {
  historySchema,
  scopeSchema,
  stateAtSchema,
  stateUpdateSchema,
  threadCreateSchema,
  threadIdSchema,
  threadPatchSchema,
  threadSearchSchema,
} from "../graph/protocol.js";
import { jsonBody } from "./validate.js";

/** The Agent Server's 501 when the app was built without the promotion graph. */
export function agentServerOf(d: RouteDeps): AgentServer {
  if (!d.agent)
    throw new ApiError(
      501,
      "GRAPH_UNAVAILABLE",
      "this server was started without the promotion graph",
    );
  return d.agent;
}

const idParam = (c: Context<AppEnv>): string => {
  const id = threadIdSchema.safeParse(c.req.param("id"));
  if (!id.success)
    throw new ApiError(404, "NOT_FOUND", `no thread ${c.req.param("id")?.slice(0, 200)}`);
  return id.data;
};

const matches = (have: Record<string, unknown>, want: Record<string, unknown> | null | undefined) =>
  !want || Object.entries(want).every(([k, v]) => JSON.stringify(have[k]) === JSON.stringify(v));

/** Threads of the Agent Server protocol: create, get, search, count, update, delete, state, history. */
export function threadsRoutes(d: RouteDeps) {
  const canRun = requireRole(ROLE_SETS.run, "create or change threads");
  const agent = () => agentServerOf(d);

  async function search(body: z.infer<typeof threadSearchSchema>): Promise<ThreadView[]> {
    const a = agent();
    const rows = a.threads
      .list(body.ids ?? undefined)
      .filter((r) => matches(r.metadata, body.metadata));
    const views: ThreadView[] = [];
    for (const r of rows) {
      const v = await a.view(r.id);
      if (body.status && v.status !== body.status) continue;
      if (!matches(v.values, body.values)) continue;
      views.push(v);
    }
    const key = body.sort_by ?? "created_at";
    const dir = (body.sort_order ?? "desc") === "asc" ? 1 : -1;
    const val = (v: ThreadView) =>
      String(key === "thread_id" ? v.thread_id : key === "status" ? v.status : v[key]);
    return views.sort((x, y) => (val(x) < val(y) ? -dir : val(x) > val(y) ? dir : 0));
  }

  return new Hono<AppEnv>()
    .post("/threads", canRun, jsonBody(threadCreateSchema), async (c) => {
      const a = agent();
      const body = c.req.valid("json");
      if (body.scope) a.promotion.checkScope(body.scope, "scope");
      const id = body.thread_id ?? a.promotion.newThreadId(body.scope ?? undefined);
      if (a.threads.get(id) || a.promotion.get(id) || a.promotion.started(id)) {
        if (body.if_exists === "do_nothing") return c.json(await a.view(id));
        throw new ApiError(
          409,
          "THREAD_EXISTS",
          `thread ${id} already exists (send if_exists: "do_nothing" to get it instead)`,
        );
      }
      const metadata = { ...(body.metadata ?? {}) };
      if (metadata.graph_id === undefined || metadata.graph_id === null)
        metadata.graph_id = PROMOTION_GRAPH_ID;
      if (typeof metadata.graph_id !== "string")
        throw new ApiError(400, "INVALID_INPUT", "metadata.graph_id must be a string");
      a.assistant(metadata.graph_id);
      a.threads.insert({
        id,
        scope: body.scope ?? null,
        metadata,
        createdBy: c.get("auth").name,
        createdAt: d.clock.now().toISOString(),
      });
      return c.json(await a.view(id));
    })
    .post("/threads/search", jsonBody(threadSearchSchema), async (c) => {
      const body = c.req.valid("json");
      return c.json((await search(body)).slice(body.offset, body.offset + body.limit));
    })
    .post(
      "/threads/count",
      jsonBody(threadSearchSchema.pick({ metadata: true, values: true, status: true })),
      async (c) => {
        return c.json((await search({ ...c.req.valid("json"), limit: 10, offset: 0 })).length);
      },
    )
    .get("/threads/:id", async (c) => c.json(await agent().view(idParam(c))))
    .patch("/threads/:id", canRun, jsonBody(threadPatchSchema), async (c) => {
      const a = agent();
      const id = idParam(c);
      const row = a.known(id);
      const patch = c.req.valid("json").metadata ?? {};
      const merged = {
        ...(row?.metadata ?? {}),
        ...patch,
        graph_id: row?.metadata.graph_id ?? PROMOTION_GRAPH_ID,
      };
      if (!row)
        throw new ApiError(
          409,
          "NOT_AN_API_THREAD",
          `thread ${id} was started by the scheduler, not through the API: its metadata cannot be changed`,
        );
      if (Buffer.byteLength(JSON.stringify(merged)) > 16 * 1024)
        throw new ApiError(
          400,
          "INVALID_INPUT",
          "metadata: the merged metadata is over 16384 bytes of JSON",
        );
      a.threads.setMetadata(id, merged);
      return c.json(await a.view(id));
    })
    .delete("/threads/:id", canRun, async (c) => {
      const a = agent();
      const id = idParam(c);
      a.known(id);
      // Decisions are records: a thread that ran keeps its checkpoints, the replayable trail.
      if (a.runs.isBusy(id) || a.graphOf(id).graph.started(id))
        throw new ApiError(
          409,
          "THREAD_HAS_DECISION",
          `thread ${id} has run: its checkpoints are the decision's audit trail and are kept`,
        );
      a.threads.remove(id);
      return c.body(null, 204);
    })
    .get("/threads/:id/state", async (c) => {
      const a = agent();
      const id = idParam(c);
      a.known(id);
      return c.json(await a.state(id));
    })
    .post("/threads/:id/state", canRun, jsonBody(stateUpdateSchema), async (c) => {
      const a = agent();
      const id = idParam(c);
      const row = a.known(id);
      // Governance: a decision's state comes from its nodes; a person may only set what to plan.
      if (!row || a.runs.isBusy(id) || a.graphOf(id).graph.started(id))
        throw new ApiError(
          409,
          "STATE_LOCKED",
          `thread ${id} has run: its state is written by the graph's nodes only (resume it with command.resume)`,
        );
      const values = z.strictObject({ scope: scopeSchema }).safeParse(c.req.valid("json").values);
      if (!values.success)
        throw new ApiError(
          400,
          "INVALID_INPUT",
          "values: only { scope: { category, market } } may be set, before the thread's first run",
        );
      a.promotion.checkScope(values.data.scope, "values.scope");
      a.threads.setScope(id, values.data.scope);
      return c.json({
        checkpoint: { thread_id: id, checkpoint_ns: "", checkpoint_id: null, checkpoint_map: null },
      });
    })
    .get("/threads/:id/state/:checkpoint_id", async (c) => {
      const a = agent();
      const id = idParam(c);
      a.known(id);
      const s = await a.graphOf(id).graph.state(id, c.req.param("checkpoint_id"));
      if (!s)
        throw new ApiError(
          404,
          "NOT_FOUND",
          `no checkpoint ${c.req.param("checkpoint_id")} on thread ${id}`,
        );
      return c.json(s);
    })
    .post("/threads/:id/state/checkpoint", jsonBody(stateAtSchema), async (c) => {
      const a = agent();
      const id = idParam(c);
      a.known(id);
      const cid = c.req.valid("json").checkpoint.checkpoint_id;
      const s =
        typeof cid === "string" ? await a.graphOf(id).graph.state(id, cid) : await a.state(id);
      if (!s) throw new ApiError(404, "NOT_FOUND", `no checkpoint ${String(cid)} on thread ${id}`);
      return c.json(s);
    })
    .get("/threads/:id/history", async (c) => {
      const a = agent();
      const id = idParam(c);
      a.known(id);
      const limit = z.coerce
        .number()
        .int()
        .min(1)
        .max(1000)
        .catch(10)
        .parse(c.req.query("limit") ?? 10);
      const before = c.req.query("before");
      return c.json(
        await a.graphOf(id).graph.history(id, { limit, ...(before ? { before } : {}) }),
      );
    })
    .post("/threads/:id/history", jsonBody(historySchema), async (c) => {
      const a = agent();
      const id = idParam(c);
      a.known(id);
      const b = c.req.valid("json");
      const before =
        typeof b.before === "string"
          ? b.before
          : ((b.before?.configurable as { checkpoint_id?: string } | undefined)?.checkpoint_id ??
            (b.before?.checkpoint_id as string | undefined));
      const all = await a
        .graphOf(id)
        .graph.history(id, { limit: b.limit, ...(before ? { before } : {}) });
      return c.json(all.filter((s) => matches(s.metadata ?? {}, b.metadata)));
    });
}
