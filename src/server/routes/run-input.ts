import { z } from "zod";
import { approvalStatus, assertMayVote } from "../../policies/index.js";
import { assertRole } from "../auth/middleware.js";
import { ROLE_SETS, type TokenRole } from "../auth/roles.js";
import type { ApiToken } from "../auth/tokens.js";
import { ApiError } from "../errors.js";
import type { AgentServer } from "../graph/agent-server.js";
import type { RouteDeps } from "../deps.js";
import { PROMOTION_GRAPH_ID } from "../graph/langgraph.js";
import type { RunInput } from "../graph/port.js";
import { scopeSchema, type RunCreateBody } from "../graph/protocol.js";
import { actorOf } from "./validate.js";

/** The promotion graph's input: `{ scope }` (the state key), or the scope's fields alone. */
const promotionInput = z.union([
  z.strictObject({ scope: scopeSchema }),
  scopeSchema.transform((scope) => ({ scope })),
]);

/** The vote a resume carries (the voter comes from the token). */
export const resumeVoteSchema = z.strictObject({
  decision: z.enum(["approve", "reject"]),
  comment: z.string().trim().max(2000).optional(),
});

const issues = (e: z.ZodError, at: string) =>
  e.issues.map((i) => `${[at, ...i.path].join(".")}: ${i.message}`).join("; ");

/** Roles a thread's pending approval request asks for; 409 when the thread is not waiting on one. */
function askedRoles(
  db: RouteDeps["db"],
  a: AgentServer,
  threadId: string,
): { requestId: string; roles: TokenRole[]; voted: string[] } {
  const rec = a.promotion.get(a.promotion.decisionOf(threadId))?.record as
    { approvalRequestId?: string | null; status?: string } | undefined;
  if (rec?.status !== "awaiting_approval" || !rec.approvalRequestId) {
    throw new ApiError(
      409,
      "NOT_AWAITING_APPROVAL",
      `thread ${threadId} is ${rec?.status ?? "not started"}, not interrupted for approval`,
    );
  }
  const st = approvalStatus(db, rec.approvalRequestId);
  const req = st.request.required;
  return {
    requestId: rec.approvalRequestId,
    roles: [...new Set([...req.allOf, ...req.anyOf.flat()])] as TokenRole[],
    voted: st.votes.map((v) => v.role),
  };
}

/**
 * Turns a run body into what the graph runs, checking the caller: a start needs a role that may
 * run, a vote (command.resume) a role the pending approval request asks for.
 */
export function runInputOf(
  db: RouteDeps["db"],
  a: AgentServer,
  threadId: string,
  graphId: string,
  body: RunCreateBody,
  auth: ApiToken,
): RunInput {
  if (body.input != null && body.command)
    throw new ApiError(400, "INVALID_INPUT", "give input (a new run) or command.resume, not both");
  if (graphId !== PROMOTION_GRAPH_ID) {
    assertRole(auth.role, ROLE_SETS.run, "run graphs");
    const approver = { name: actorOf(auth), role: auth.role };
    return {
      kind: "raw",
      input: body.input ?? null,
      ...(body.command ? { resume: { value: body.command.resume } } : {}),
      approver,
    };
  }
  if (body.command) {
    const vote = resumeVoteSchema.safeParse(body.command.resume);
    if (!vote.success)
      throw new ApiError(
        400,
        "INVALID_INPUT",
        `invalid body: ${issues(vote.error, "command.resume")} (the vote is { decision: "approve" | "reject", comment? })`,
      );
    const asked = askedRoles(db, a, threadId);
    assertRole(auth.role, asked.roles, `answer ${asked.requestId}`);
    if (asked.voted.includes(auth.role))
      throw new ApiError(
        409,
        "ALREADY_VOTED",
        `role ${auth.role} has already answered ${asked.requestId}`,
      );
    const answer = { role: auth.role, approver: actorOf(auth), ...vote.data };
    // One person, one vote: refused here (403/409), before the run resumes, never as a failed run.
    assertMayVote(db, { requestId: asked.requestId, ...answer, person: auth.name });
    return { kind: "resume", answer };
  }
  assertRole(auth.role, ROLE_SETS.run, "start runs");
  if (body.input == null) {
    if (a.promotion.started(threadId) || a.runs.isBusy(threadId)) return { kind: "continue" };
    const scope = a.threads.get(threadId)?.scope;
    if (!scope)
      throw new ApiError(
        400,
        "INVALID_INPUT",
        "input: { scope: { category, market } } is required (the thread was created without a scope)",
      );
    return { kind: "start", scope };
  }
  const input = promotionInput.safeParse(body.input);
  if (!input.success)
    throw new ApiError(
      400,
      "INVALID_INPUT",
      `invalid body: input must be { scope: { category, market } } (${issues(input.error, "input")})`,
    );
  a.promotion.checkScope(input.data.scope, "input.scope");
  return { kind: "start", scope: input.data.scope };
}
