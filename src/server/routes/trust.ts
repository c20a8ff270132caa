import { Hono } from "hono";
import { ROLE_SETS } from "../auth/roles.js";
import { renderAssessmentPage } from "../dashboard/assessment-page.js";
import { renderShadowPage } from "../dashboard/shadow-page.js";
import { assessmentResponseSchema, shadowResponseSchema } from "../dashboard/trust-schemas.js";
import type { RouteDeps } from "../deps.js";
import { assessmentMemo, shadowEvidence } from "../service/trust.js";
import type { AppEnv } from "../env.js";
import type { RouteDoc } from "../openapi.js";

// Issue #32: earning trust before autonomy. How good the retailer's own promotions were, and
// the system's shadow plans beside the planners', as JSON and as dashboard pages.

export const trustDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/assessment",
    summary:
      "The store's promotion history assessed: per category, mechanic and depth the share of promotions that lost money with 90 % intervals, frequency and depth patterns, the costliest events, and data maturity (feeds, coverage, hygiene, what cannot be decided yet)",
    roles: ROLE_SETS.read,
    response: assessmentResponseSchema,
    tag: "dashboard",
  },
  {
    method: "get",
    path: "/shadow",
    summary:
      "Shadow mode's evidence: each shadow plan beside the planners' plan for the same scope and weeks, settled where actuals arrived; agreement and the margin difference with 90 % intervals per category, market and overall ('too thin' below the policy's minimum); tune's proposal per category in shadow",
    roles: ROLE_SETS.read,
    response: shadowResponseSchema,
    tag: "dashboard",
  },
  {
    method: "get",
    path: "/dashboard/assessment",
    summary: "The assessment page as server-rendered HTML (the figures of GET /assessment)",
    roles: ROLE_SETS.read,
    produces: "text/html",
    tag: "dashboard",
  },
  {
    method: "get",
    path: "/dashboard/shadow",
    summary: "The shadow page as server-rendered HTML (the figures of GET /shadow)",
    roles: ROLE_SETS.read,
    produces: "text/html",
    tag: "dashboard",
  },
];

const NO_STORE = { "Cache-Control": "no-store" };

/** GET /assessment, GET /shadow and their dashboard pages. */
export function trustRoutes(d: RouteDeps) {
  const memo = assessmentMemo(d.db);
  return new Hono<AppEnv>()
    .get("/assessment", (c) => c.json(memo.get()))
    .get("/shadow", (c) => c.json(shadowEvidence(d.db, d.policy)))
    .get("/dashboard/assessment", async (c) =>
      c.html(await renderAssessmentPage(memo.get()), 200, NO_STORE),
    )
    .get("/dashboard/shadow", async (c) =>
      c.html(await renderShadowPage(shadowEvidence(d.db, d.policy)), 200, NO_STORE),
    );
}
