import { Hono } from "hono";
import { ROLE_SETS } from "../auth/roles.js";
import { parseRecord } from "../dashboard/decision-summary.js";
import { renderDecision } from "../dashboard/render-decision.js";
import { renderPanels } from "../dashboard/panels.js";
import { dashboardPage } from "../dashboard/page.js";
import type { RouteDeps } from "../deps.js";
import type { AppEnv } from "../env.js";
import { ApiError } from "../errors.js";
import { tableDecisions } from "../graph/table.js";
import type { RouteDoc } from "../openapi.js";

export const dashboardDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/",
    summary: "The operations dashboard (HTML shell; data loads with the token entered in the page)",
    roles: "public",
    produces: "text/html",
    tag: "dashboard",
  },
  {
    method: "get",
    path: "/dashboard/panels",
    summary: "The dashboard's first screen as server-rendered HTML (the figures of GET /overview)",
    roles: ROLE_SETS.read,
    produces: "text/html",
    tag: "dashboard",
  },
  {
    method: "get",
    path: "/dashboard/decisions/{id}",
    summary:
      "A decision's page as server-rendered HTML: explanation, alternatives, every rule's result, approvals, campaign status and actuals",
    roles: ROLE_SETS.read,
    produces: "text/html",
    tag: "dashboard",
  },
];

const NO_STORE = { "Cache-Control": "no-store" };

/** GET / and the fragments it loads. */
export function dashboardRoutes(d: RouteDeps) {
  const source = d.graph ?? tableDecisions(d.db);
  const page = dashboardPage();
  return new Hono<AppEnv>()
    .get("/", (c) => c.html(page, 200, NO_STORE))
    .get("/dashboard/panels", (c) =>
      c.html(renderPanels(d.db, source, d.policy, d.clock.now()), 200, NO_STORE),
    )
    .get("/dashboard/decisions/:id", async (c) => {
      const id = c.req.param("id");
      const view = source.get(id);
      const record = view ? parseRecord(view.record) : null;
      if (!view) throw new ApiError(404, "NOT_FOUND", `no decision ${id}`);
      if (!record)
        throw new ApiError(
          422,
          "UNREADABLE_RECORD",
          `decision ${id} is stored in a shape this version cannot read`,
        );
      return c.html(await renderDecision(d.db, record, view.explanation), 200, NO_STORE);
    });
}
