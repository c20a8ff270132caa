import { Hono } from "hono";
import { z } from "zod";
import { ROLE_SETS } from "../auth/roles.js";
import type { RouteDeps } from "../deps.js";
import type { AppEnv } from "../env.js";
import { ApiError } from "../errors.js";
import { tableDecisions } from "../graph/table.js";
import type { RouteDoc } from "../openapi.js";

const limitSchema = z.coerce.number().int().min(1).max(1000).default(100);

export const decisionsDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/decisions",
    summary: "Decision records, newest first (?limit=1..1000)",
    roles: ROLE_SETS.read,
    tag: "decisions",
  },
  {
    method: "get",
    path: "/decisions/{id}",
    summary: "One decision record with its plain-language explanation",
    roles: ROLE_SETS.read,
    tag: "decisions",
  },
];

/** Decision records: from the graph when it is wired, else straight from the table. */
export function decisionsRoutes(d: RouteDeps) {
  const source = d.graph ?? tableDecisions(d.db);
  return new Hono<AppEnv>()
    .get("/decisions", (c) => {
      const limit = limitSchema.safeParse(c.req.query("limit") ?? undefined);
      if (!limit.success)
        throw new ApiError(400, "INVALID_INPUT", "limit: an integer from 1 to 1000");
      return c.json({ decisions: source.list(limit.data) });
    })
    .get("/decisions/:id", (c) => {
      const v = source.get(c.req.param("id"));
      if (!v) throw new ApiError(404, "NOT_FOUND", `no decision ${c.req.param("id")}`);
      return c.json({
        ...v.record,
        explanation: v.explanation,
        rationale: v.record.explanation ?? null,
      });
    });
}
