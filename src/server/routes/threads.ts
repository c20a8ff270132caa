import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { approvalStatus, assertMayVote } from "../../policies/index.js";
import { assertRole, requireRole } from "../auth/middleware.js";
import { ROLE_SETS, type TokenRole } from "../auth/roles.js";
import type { RouteDeps } from "../deps.js";
import type { AppEnv } from "../env.js";
import { ApiError } from "../errors.js";
import { runScopeInputSchema, type GraphPort, type RunInput } from "../graph/port.js";
import type { RunManager } from "../graph/runs.js";
import type { RouteDoc } from "../openapi.js";
import { actorOf, jsonBody } from "./validate.js";

export const threadBodySchema = z.strictObject({ scope: runScopeInputSchema.optional(), metadata: z.record(z.string(), z.unknown()).default({}) });
export const runBodySchema = z.strictObject({
  input: runScopeInputSchema.optional(),
  /** Resumes an interrupted (awaiting approval) thread; the vote's role and name come from the token. */
  command: z.strictObject({ resume: z.strictObject({ decision: z.enum(["approve", "reject"]), comment: z.string().trim().min(1, "a comment is required") }) }).optional(),
}).refine((b) => !(b.input && b.command), "give input (a new run) or command.resume, not both");

const thread = (p: string): string => `/threads/{id}${p}`;
export const threadsDocs: RouteDoc[] = [
  { method: "post", path: "/threads", summary: "Create a thread (optionally with its scope); its id becomes the decision id", roles: ROLE_SETS.run, body: threadBodySchema, tag: "threads" },
  { method: "post", path: thread("/runs"), summary: "Start a run in the background (input: scope) or resume an interrupt (command.resume). 409 while the thread is busy (multitask strategy: reject).", roles: ROLE_SETS.run, body: runBodySchema, tag: "threads" },
  { method: "post", path: thread("/runs/wait"), summary: "Run (or resume) and wait for the end or the next interrupt; returns the run and the thread state", roles: ROLE_SETS.run, body: runBodySchema, tag: "threads" },
  { method: "post", path: thread("/runs/stream"), summary: "Run (or resume), streaming each node's update as server-sent events (metadata, updates, end)", roles: ROLE_SETS.run, body: runBodySchema, produces: "text/event-stream", tag: "threads" },
  { method: "get", path: thread("/state"), summary: "The thread's latest checkpointed state, with pending interrupts", roles: ROLE_SETS.read, tag: "threads" },
  { method: "get", path: thread("/history"), summary: "The thread's checkpoints, newest first (?limit=)", roles: ROLE_SETS.read, tag: "threads" },
];

interface ThreadRow { id: string; category: string | null; market: string | null }

/** LangGraph-Agent-Server-shaped threads and runs over the promotion graph; 501 without a graph. */
export function threadsRoutes(d: RouteDeps) {
  const need = (): { graph: GraphPort; runs: RunManager } => {
    if (!d.graph || !d.runs) throw new ApiError(501, "GRAPH_UNAVAILABLE", "this server was started without the promotion graph");
    return { graph: d.graph, runs: d.runs };
  };
  const row = (id: string) => d.db.prepare("SELECT id, category, market FROM api_threads WHERE id = ?").get(id) as ThreadRow | undefined;
  const known = (id: string) => {
    const { graph } = need();
    if (!row(id) && !graph.get(id)) throw new ApiError(404, "NOT_FOUND", `no thread ${id}`);
  };
  /** Turns a run body into the port's input, checking a resume's voter against the request's roles. */
  const runInput = (id: string, body: z.infer<typeof runBodySchema>, auth: { name: string; role: TokenRole }): RunInput => {
    const { graph } = need();
    if (body.command) {
      const rec = graph.get(id)?.record as { approvalRequestId?: string | null } | undefined;
      if (!rec?.approvalRequestId) throw new ApiError(409, "NOT_AWAITING_APPROVAL", `thread ${id} is not interrupted for approval`);
      const req = approvalStatus(d.db, rec.approvalRequestId).request.required;
      assertRole(auth.role, [...req.allOf, ...req.anyOf.flat()] as TokenRole[], `answer ${rec.approvalRequestId}`);
      const answer = { role: auth.role, approver: actorOf(auth), ...body.command.resume };
      // One person, one vote: refused here (403/409), before the run resumes, never as a failed run.
      assertMayVote(d.db, { requestId: rec.approvalRequestId, ...answer, person: auth.name });
      return { kind: "resume", answer };
    }
    const r = row(id);
    const scope = body.input ?? (r?.category && r.market ? { category: r.category, market: r.market } : undefined);
    if (!scope) throw new ApiError(400, "INVALID_INPUT", "input: { category, market } is required (the thread was created without a scope)");
    return { kind: "start", scope };
  };
  const canRun = requireRole(ROLE_SETS.run, "start or resume runs");

  return new Hono<AppEnv>()
    .post("/threads", canRun, jsonBody(threadBodySchema), (c) => {
      const { graph } = need();
      const body = c.req.valid("json");
      const id = graph.newThreadId(body.scope);
      const at = d.clock.now().toISOString();
      d.db.prepare("INSERT INTO api_threads (id, category, market, metadata, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .run(id, body.scope?.category ?? null, body.scope?.market ?? null, JSON.stringify(body.metadata), c.get("auth").name, at);
      return c.json({ thread_id: id, created_at: at, metadata: body.metadata, scope: body.scope ?? null, status: "idle" });
    })
    .post("/threads/:id/runs", canRun, jsonBody(runBodySchema), (c) => {
      const id = c.req.param("id");
      known(id);
      return c.json(need().runs.start(id, runInput(id, c.req.valid("json"), c.get("auth"))), 202);
    })
    .post("/threads/:id/runs/wait", canRun, jsonBody(runBodySchema), async (c) => {
      const id = c.req.param("id");
      known(id);
      const { graph, runs } = need();
      const run = await runs.wait(id, runInput(id, c.req.valid("json"), c.get("auth")));
      return c.json({ run, state: await graph.state(id) });
    })
    .post("/threads/:id/runs/stream", canRun, jsonBody(runBodySchema), (c) => {
      const id = c.req.param("id");
      known(id);
      const { runs } = need();
      const input = runInput(id, c.req.valid("json"), c.get("auth"));
      if (runs.isBusy(id)) throw new ApiError(409, "THREAD_BUSY", `thread ${id} already has a run in progress (multitask strategy: reject)`);
      return streamSSE(c, async (stream) => {
        const abort = new AbortController();
        stream.onAbort(() => abort.abort());
        await stream.writeSSE({ event: "metadata", data: JSON.stringify({ thread_id: id, kind: input.kind }) });
        const run = await runs.stream(id, input, (ch) => stream.writeSSE({ event: "updates", data: JSON.stringify({ [ch.node]: ch.update }) }), abort.signal);
        await stream.writeSSE({ event: "end", data: JSON.stringify(run) });
      });
    })
    .get("/threads/:id/state", async (c) => {
      const id = c.req.param("id");
      known(id);
      return c.json((await need().graph.state(id)) ?? { threadId: id, values: {}, next: [], interrupts: [], checkpointId: null, createdAt: null });
    })
    .get("/threads/:id/history", async (c) => {
      const id = c.req.param("id");
      known(id);
      const limit = z.coerce.number().int().min(1).max(200).catch(20).parse(c.req.query("limit") ?? 20);
      return c.json({ history: await need().graph.history(id, limit) });
    });
}
