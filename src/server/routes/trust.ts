import { Hono } from "hono";
import { assessHistory, type Assessment } from "../../assess/index.js";
import { compareShadow, shadowRecommendations } from "../../shadow/index.js";
import type { Db } from "../../store/index.js";
import { ROLE_SETS } from "../auth/roles.js";
import { renderAssessmentPage } from "../dashboard/assessment-page.js";
import { renderShadowPage } from "../dashboard/shadow-page.js";
import {
  assessmentResponseSchema,
  shadowResponseSchema,
  type ShadowResponse,
} from "../dashboard/trust-schemas.js";
import type { RouteDeps } from "../deps.js";
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

/**
 * Assessing reads the whole sales history (a minute on a large export): one assessment per
 * state of the ingests, shared by the JSON route and the page until the next ingest.
 */
class AssessmentMemo {
  private key = "";
  private value: Assessment | null = null;
  constructor(private readonly db: Db) {}

  get(): Assessment {
    const row = this.db
      .prepare("SELECT max(id) AS id, count(*) AS n, count(finished_at) AS done FROM ingests")
      .get() as { id: number | null; n: number; done: number };
    const key = `${row.id}|${row.n}|${row.done}`;
    if (this.value === null || key !== this.key) {
      this.value = assessHistory(this.db);
      this.key = key;
    }
    return this.value;
  }
}

/** The shadow comparison under the server's policy, with tune's proposal (never applied). */
export function shadowEvidence(d: RouteDeps): ShadowResponse {
  const policy = d.policy.policy;
  const minSettledWeeks = policy.shadow.minSettledWeeks;
  const report = compareShadow(d.db, { minSettledWeeks });
  // The policy text is only needed for the proposed diff, which `autopromo tune` prints.
  const tune = shadowRecommendations(report, policy, "").recommendations;
  return { report, tune, minSettledWeeks };
}

/** GET /assessment, GET /shadow and their dashboard pages. */
export function trustRoutes(d: RouteDeps) {
  const memo = new AssessmentMemo(d.db);
  return new Hono<AppEnv>()
    .get("/assessment", (c) => c.json(memo.get()))
    .get("/shadow", (c) => c.json(shadowEvidence(d)))
    .get("/dashboard/assessment", async (c) =>
      c.html(await renderAssessmentPage(memo.get()), 200, NO_STORE),
    )
    .get("/dashboard/shadow", async (c) =>
      c.html(await renderShadowPage(shadowEvidence(d)), 200, NO_STORE),
    );
}
