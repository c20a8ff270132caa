import { Hono } from "hono";
import { z } from "zod";
import { ROLE_SETS } from "../auth/roles.js";
import { verifyAuditChain, listAudit } from "../auth/audit.js";
import { requireRole } from "../auth/middleware.js";
import type { RouteDeps } from "../deps.js";
import type { AppEnv } from "../env.js";
import type { Metrics } from "../metrics.js";
import { openApiDocument, type RouteDoc } from "../openapi.js";
import { schemaVersion } from "../service/health.js";

export const healthSchema = z.object({
  ok: z.boolean(),
  schemaVersion: z.number().int(),
  time: z.string(),
});

export const opsDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/healthz",
    summary: "Liveness and database check",
    roles: "public",
    response: healthSchema,
    tag: "ops",
  },
  { method: "get", path: "/openapi.json", summary: "This document", roles: "public", tag: "ops" },
  {
    method: "get",
    path: "/metrics",
    summary:
      "Prometheus metrics: requests, latency, ingested and quarantined rows, decisions by outcome, deliveries pending/failed",
    roles: ROLE_SETS.read,
    produces: "text/plain",
    tag: "ops",
  },
  {
    method: "get",
    path: "/audit",
    summary: "The latest audit entries and whether the hash chain verifies",
    roles: ["admin"],
    tag: "ops",
  },
];

/** Health, metrics, the OpenAPI document and the audit view. */
export function opsRoutes(
  d: RouteDeps,
  metrics: Metrics,
  docs: () => readonly RouteDoc[],
  version: string,
) {
  return new Hono<AppEnv>()
    .get("/healthz", (c) => {
      return c.json({
        ok: true,
        schemaVersion: schemaVersion(d.db),
        time: d.clock.now().toISOString(),
      });
    })
    .get("/openapi.json", (c) => c.json(openApiDocument(docs(), { version })))
    .get("/metrics", (c) =>
      c.text(metrics.render(d.db), 200, {
        "Content-Type": "text/plain; version=0.0.4; charset=utf-8",
      }),
    )
    .get("/audit", requireRole(["admin"], "read the audit log"), (c) =>
      c.json({ verification: verifyAuditChain(d.db), entries: listAudit(d.db, 100) }),
    );
}
