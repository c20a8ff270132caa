import { Hono } from "hono";
import { ROLE_SETS } from "../auth/roles.js";
import { renderPanels } from "../dashboard/panels.js";
import { dashboardPage } from "../dashboard/page.js";
import type { RouteDeps } from "../deps.js";
import type { AppEnv } from "../env.js";
import { tableDecisions } from "../graph/table.js";
import type { RouteDoc } from "../openapi.js";

export const dashboardDocs: RouteDoc[] = [
  { method: "get", path: "/", summary: "The operations dashboard (HTML shell; data loads with the token entered in the page)", roles: "public", produces: "text/html", tag: "dashboard" },
  { method: "get", path: "/dashboard/panels", summary: "The dashboard's panels as server-rendered HTML", roles: ROLE_SETS.read, produces: "text/html", tag: "dashboard" },
];

/** GET / and the panels fragment it loads. */
export function dashboardRoutes(d: RouteDeps) {
  const source = d.graph ?? tableDecisions(d.db);
  const page = dashboardPage();
  return new Hono<AppEnv>()
    .get("/", (c) => c.html(page, 200, { "Cache-Control": "no-store" }))
    .get("/dashboard/panels", async (c) => c.html(await renderPanels(d.db, source, d.clock.now().toISOString()), 200, { "Cache-Control": "no-store" }));
}
