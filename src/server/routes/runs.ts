import { Hono, type Context } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { requireRole } from "../auth/middleware.js";
import { ROLE_SETS } from "../auth/roles.js";
import type { RouteDeps } from "../deps.js";
import type { AppEnv } from "../env.js";
import { ApiError } from "../errors.js";
import { PROMOTION_GRAPH_ID } from "../graph/langgraph.js";
import {
  modesOf,
  runCreateSchema,
  threadIdSchema,
  unsupportedRunOptions,
  type RunCreateBody,
} from "../graph/protocol.js";
import type { RunRecord } from "../graph/runs.js";
import { runInputOf } from "./run-input.js";
import { agentServerOf } from "./threads.js";
import { jsonBody } from "./validate.js";

/** Whoever may start a run or answer an approval; each run then checks the role it needs. */
export const RUNNERS = [
  ...new Set([
    ...ROLE_SETS.run,
    "finance",
    "legal",
    "marketing",
    "supply_chain",
    "category_manager",
  ] as const),
];

const runPath = (r: RunRecord) => `/threads/${encodeURIComponent(r.thread_id)}/runs/${r.run_id}`;

const threadParam = (c: Context<AppEnv>): string => {
  const id = threadIdSchema.safeParse(c.req.param("id"));
  if (!id.success)
    throw new ApiError(404, "NOT_FOUND", `no thread ${c.req.param("id")?.slice(0, 200)}`);
  return id.data;
};

/** Runs of the Agent Server protocol on threads, and stateless runs (each on a new thread). */
export function runsRoutes(d: RouteDeps) {
  const canRun = requireRole(RUNNERS, "start or resume runs");
  const agent = () => agentServerOf(d);

  /** Validates and claims a run (atomically: no await between the checks and the claim). */
  function create(c: Context<AppEnv>, threadId: string | null, body: RunCreateBody): RunRecord {
    const a = agent();
    const refused = unsupportedRunOptions(body);
    if (refused.length)
      throw new ApiError(400, "UNSUPPORTED", `not supported: ${refused.join("; ")}`);
    const graphId = body.assistant_id;
    const graph = a.assistant(graphId);
    let id = threadId;
    const fresh = id === null || (!a.threads.get(id) && !a.promotion.get(id) && !graph.started(id));
    if (fresh && id !== null && body.if_not_exists !== "create")
      throw new ApiError(
        404,
        "NOT_FOUND",
        `no thread ${id} (send if_not_exists: "create" to create it)`,
      );
    if (id === null) {
      const scope = (
        body.input as { scope?: { category?: unknown; market?: unknown } } | null | undefined
      )?.scope;
      const known =
        graphId === PROMOTION_GRAPH_ID &&
        typeof scope?.category === "string" &&
        typeof scope.market === "string";
      id = a.promotion.newThreadId(
        known ? { category: scope.category as string, market: scope.market as string } : undefined,
      );
    }
    const bound = fresh ? graphId : a.graphOf(id).id;
    if (bound !== graphId)
      throw new ApiError(
        409,
        "WRONG_ASSISTANT",
        `thread ${id} runs assistant ${bound}, not ${graphId}`,
      );
    const input = runInputOf(d.db, a, id, graphId, body, c.get("auth"));
    if (fresh)
      a.threads.insert({
        id,
        scope: null,
        metadata: { graph_id: graphId },
        createdBy: c.get("auth").name,
        createdAt: d.clock.now().toISOString(),
      });
    const strategy = body.multitask_strategy === "enqueue" ? "enqueue" : "reject";
    const cfg = body.config;
    return a.runs.create(id, graph, input, {
      assistantId: graphId,
      strategy,
      modes: modesOf(body),
      metadata: body.metadata ?? {},
      ...(cfg?.recursion_limit ? { recursionLimit: cfg.recursion_limit } : {}),
      ...(body.interrupt_before ? { interruptBefore: body.interrupt_before } : {}),
      ...(body.interrupt_after ? { interruptAfter: body.interrupt_after } : {}),
    });
  }

  async function waitFor(c: Context<AppEnv>, run: RunRecord) {
    const { output } = await agent().runs.join(run.run_id);
    return c.json(output, 200, { "Content-Location": runPath(run) });
  }

  function stream(c: Context<AppEnv>, run: RunRecord, after = 0, cancelOnDisconnect = false) {
    const a = agent();
    c.header("Content-Location", runPath(run));
    c.header("Location", `${runPath(run)}/stream`);
    return streamSSE(c, async (s) => {
      s.onAbort(() => {
        if (cancelOnDisconnect) void a.runs.cancel(run.run_id).catch(() => undefined);
      });
      for await (const p of a.runs.follow(run.run_id, after)) {
        if (s.aborted) break;
        await s.writeSSE({
          id: String(p.id),
          event: p.event,
          data: JSON.stringify(p.data ?? null),
        });
      }
    });
  }

  const runOf = (c: Context<AppEnv>): RunRecord => {
    const run = agent().runs.get(c.req.param("run_id") ?? "");
    if (!run || run.thread_id !== threadParam(c))
      throw new ApiError(
        404,
        "NOT_FOUND",
        `no run ${c.req.param("run_id")} on thread ${c.req.param("id")}`,
      );
    return run;
  };
  const flag = (v: string | undefined) => v === "1" || v === "true";
  const listQuery = z.object({
    limit: z.coerce.number().int().min(1).max(1000).catch(10),
    offset: z.coerce.number().int().min(0).catch(0),
    status: z
      .enum(["pending", "running", "success", "interrupted", "error", "timeout"])
      .optional()
      .catch(undefined),
  });

  return new Hono<AppEnv>()
    .post("/threads/:id/runs", canRun, jsonBody(runCreateSchema), (c) => {
      const run = create(c, threadParam(c), c.req.valid("json"));
      return c.json(run, 200, { "Content-Location": runPath(run) });
    })
    .post("/threads/:id/runs/wait", canRun, jsonBody(runCreateSchema), (c) =>
      waitFor(c, create(c, threadParam(c), c.req.valid("json"))),
    )
    .post("/threads/:id/runs/stream", canRun, jsonBody(runCreateSchema), (c) => {
      const body = c.req.valid("json");
      return stream(c, create(c, threadParam(c), body), 0, body.on_disconnect === "cancel");
    })
    .post("/runs", canRun, jsonBody(runCreateSchema), (c) => {
      const run = create(c, null, c.req.valid("json"));
      return c.json(run, 200, { "Content-Location": runPath(run) });
    })
    .post("/runs/wait", canRun, jsonBody(runCreateSchema), (c) =>
      waitFor(c, create(c, null, c.req.valid("json"))),
    )
    .post("/runs/stream", canRun, jsonBody(runCreateSchema), (c) => {
      const body = c.req.valid("json");
      return stream(c, create(c, null, body), 0, body.on_disconnect === "cancel");
    })
    .get("/threads/:id/runs", (c) => {
      const id = threadParam(c);
      agent().known(id);
      const q = listQuery.parse(c.req.query());
      return c.json(
        agent().runs.list(id, {
          limit: q.limit,
          offset: q.offset,
          ...(q.status ? { status: q.status } : {}),
        }),
      );
    })
    .get("/threads/:id/runs/:run_id", (c) => c.json(runOf(c)))
    .get("/threads/:id/runs/:run_id/join", async (c) => waitFor(c, runOf(c)))
    .get("/threads/:id/runs/:run_id/stream", (c) => {
      const run = runOf(c);
      const last = Number(c.req.header("Last-Event-ID") ?? 0);
      return stream(
        c,
        run,
        Number.isFinite(last) ? last : 0,
        flag(c.req.query("cancel_on_disconnect")),
      );
    })
    .post("/threads/:id/runs/:run_id/cancel", canRun, async (c) => {
      const run = runOf(c);
      const done = agent().runs.cancel(run.run_id);
      if (!flag(c.req.query("wait"))) {
        void done.catch(() => undefined);
        return c.body(null, 202);
      }
      await done;
      return c.body(null, 204);
    })
    .delete("/threads/:id/runs/:run_id", canRun, (c) => {
      agent().runs.remove(runOf(c).run_id);
      return c.body(null, 204);
    });
}
