import { Hono } from "hono";
import { ROLE_SETS } from "../auth/roles.js";
import { accuracyTimeline } from "../dashboard/accuracy-timeline.js";
import { buildOverview } from "../dashboard/overview.js";
import {
  accuracyTimelineSchema,
  overviewSchema,
  spendResponseSchema,
  stockRiskResponseSchema,
} from "../dashboard/schemas.js";
import { spendAgainstBudget } from "../dashboard/spend.js";
import { stockRisk } from "../dashboard/stock-risk.js";
import type { RouteDeps } from "../deps.js";
import type { AppEnv } from "../env.js";
import { tableDecisions } from "../graph/table.js";
import type { RouteDoc } from "../openapi.js";

export const overviewDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/overview",
    summary:
      "The oversight dashboard's first screen: today's decisions (action in words, expected incremental margin with its 80 % interval, verdict, who must approve), spend against budget, the accuracy record over time, stock risk",
    roles: ROLE_SETS.read,
    response: overviewSchema,
    tag: "dashboard",
  },
  {
    method: "get",
    path: "/spend",
    summary:
      "Approved and launched spend per market against the policy's weekly and monthly caps and the annual plan's quarter, in the policy currency (FX-converted; markets without a rate listed as unconverted)",
    roles: ROLE_SETS.read,
    response: spendResponseSchema,
    tag: "dashboard",
  },
  {
    method: "get",
    path: "/stock-risk",
    summary:
      "SKU × market positions under the stock-out line or over the excess line of weeks of cover, worst first",
    roles: ROLE_SETS.read,
    response: stockRiskResponseSchema,
    tag: "dashboard",
  },
  {
    method: "get",
    path: "/accuracy/timeline",
    summary:
      "The accuracy record per settlement month: forecast against settled incremental margin and 80 % interval coverage",
    roles: ROLE_SETS.read,
    response: accuracyTimelineSchema,
    tag: "dashboard",
  },
];

/** Read-only figures the dashboard shows, as JSON, so anything on screen can be checked against them. */
export function overviewRoutes(d: RouteDeps) {
  const source = d.graph ?? tableDecisions(d.db);
  const today = () => d.clock.now().toISOString().slice(0, 10);
  return new Hono<AppEnv>()
    .get("/overview", (c) => c.json(buildOverview(d.db, source, d.policy, d.clock.now())))
    .get("/spend", (c) => c.json(spendAgainstBudget(d.db, d.policy, today())))
    .get("/stock-risk", (c) => c.json(stockRisk(d.db, today())))
    .get("/accuracy/timeline", (c) => c.json(accuracyTimeline(d.db)));
}
