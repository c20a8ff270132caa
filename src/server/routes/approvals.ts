import { Hono } from "hono";
import { z } from "zod";
import { applyApprovedEdits } from "../../channels/index.js";
import {
  approvalStatus,
  assertMayVote,
  isPolicyError,
  recordVote,
  type ApprovalStatus,
} from "../../policies/index.js";
import { pendingApprovals } from "../service/approvals-view.js";
import { assertRole, requireRole } from "../auth/middleware.js";
import { ROLE_SETS, type TokenRole } from "../auth/roles.js";
import type { RouteDeps } from "../deps.js";
import type { AppEnv } from "../env.js";
import { ApiError } from "../errors.js";
import type { RouteDoc } from "../openapi.js";
import { actorOf, jsonBody } from "./validate.js";

export const voteBodySchema = z.strictObject({
  decision: z.enum(["approve", "reject"]),
  comment: z.string().trim().min(1, "a comment is required").max(2000),
});

/** Roles that can ever vote; each request then narrows to the roles it asks. */
const VOTERS: readonly TokenRole[] = [
  "marketing",
  "finance",
  "supply_chain",
  "legal",
  "category_manager",
];

export const approvalsDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/approvals",
    summary: "Pending approval requests (not past their deadline) with votes and missing roles",
    roles: ROLE_SETS.read,
    tag: "approvals",
  },
  {
    method: "get",
    path: "/approvals/{id}",
    summary: "One approval request with its votes",
    roles: ROLE_SETS.read,
    tag: "approvals",
  },
  {
    method: "post",
    path: "/approvals/{id}",
    summary:
      "Approve or reject as the token's role; only roles the request asks may vote. A decision waiting on it is resumed.",
    roles: VOTERS,
    body: voteBodySchema,
    tag: "approvals",
  },
];

const rolesAsked = (s: ApprovalStatus) => [
  ...new Set([...s.request.required.allOf, ...s.request.required.anyOf.flat()]),
];

/**
 * The 409 a vote gets when the request's state, not its input, refused it: the request is closed
 * or the caller's role has answered it (by this request or a concurrent one). `undefined` otherwise.
 */
function conflictOf(s: ApprovalStatus, role: string): ApiError | undefined {
  if (s.request.status === "superseded") {
    const by = s.request.supersededBy ?? "a newer request";
    return new ApiError(
      409,
      "SUPERSEDED",
      `approval request ${s.request.id} was superseded by ${by} (a re-plan of its scope reached a different plan): vote on ${by}`,
    );
  }
  if (s.request.status !== "pending")
    return new ApiError(
      409,
      "CONFLICT",
      `approval request ${s.request.id} is already ${s.request.status}`,
    );
  if (s.votes.some((v) => v.role === role))
    return new ApiError(
      409,
      "CONFLICT",
      `role ${role} has already answered approval request ${s.request.id}`,
    );
  return undefined;
}

/** Approval reads and votes; a vote on a decision's request resumes its graph thread when the graph is there. */
export function approvalsRoutes(d: RouteDeps) {
  const statusOf = (id: string) => {
    try {
      return approvalStatus(d.db, id);
    } catch (e) {
      if (isPolicyError(e) && e.code === "NOT_FOUND")
        throw new ApiError(404, "NOT_FOUND", `no approval request ${id}`);
      throw e;
    }
  };
  return new Hono<AppEnv>()
    .get("/approvals", (c) =>
      c.json({ approvals: pendingApprovals(d.db, d.clock.now().toISOString()) }),
    )
    .get("/approvals/:id", (c) => c.json(statusOf(c.req.param("id"))))
    .post(
      "/approvals/:id",
      requireRole(VOTERS, "vote on approvals"),
      jsonBody(voteBodySchema),
      async (c) => {
        const id = c.req.param("id");
        const auth = c.get("auth");
        const before = statusOf(id);
        // Separation of duties: admin does not stand in for an approver unless the policy asks admin.
        assertRole(auth.role, rolesAsked(before) as TokenRole[], `vote on ${id}`);
        // The token holder is the person: two tokens of one name under two roles are one vote.
        const answer = {
          role: auth.role,
          approver: actorOf(auth),
          person: auth.name,
          ...c.req.valid("json"),
        };
        // A vote that lost a race (the request closed, or this role answered, in the meantime) is a 409.
        const lost = () => conflictOf(statusOf(id), auth.role);
        try {
          assertMayVote(d.db, { requestId: id, ...answer });
        } catch (e) {
          throw (isPolicyError(e) && e.code === "INVALID_INPUT" && lost()) || e;
        }
        const decisionId = d.graph?.awaiting(id) ?? null;
        let status: ApprovalStatus;
        if (d.runs && decisionId) {
          const run = await d.runs.wait(decisionId, { kind: "resume", answer });
          if (run.status === "error") {
            const conflict = lost();
            if (conflict) throw conflict;
            throw new ApiError(
              500,
              "RUN_FAILED",
              `the vote was recorded but resuming decision ${decisionId} failed: ${run.error ?? "unknown error"}`,
            );
          }
          status = approvalStatus(d.db, id);
        } else {
          try {
            status = recordVote(d.db, { requestId: id, ...answer }, d.clock);
          } catch (e) {
            throw (isPolicyError(e) && e.code === "INVALID_INPUT" && lost()) || e;
          }
        }
        d.events.publish("approval", {
          requestId: id,
          proposalId: status.request.proposalId,
          status: status.request.status,
          vote: answer.decision,
          by: answer.approver,
        });
        // An approved (or rejected) campaign edit takes effect now.
        for (const e of applyApprovedEdits(d.db, { policy: d.policy, clock: d.clock }))
          d.events.publish("campaign", {
            campaignId: e.campaignId,
            action: `edit ${e.status}`,
            by: e.by,
            reason: e.reason,
          });
        return c.json({ ...status, decisionId });
      },
    );
}
