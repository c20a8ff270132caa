import { createHash } from "node:crypto";
import { Hono } from "hono";
import { z } from "zod";
import {
  INGEST_KINDS,
  ingestPosted,
  ingestReportSchema,
  postedRecords,
  type PostedFeed,
} from "../service/signals-ingest.js";
import { assertRole, requireRole } from "../auth/middleware.js";
import { ROLE_SETS, rolesForKind } from "../auth/roles.js";
import type { RouteDeps } from "../deps.js";
import type { AppEnv } from "../env.js";
import { ApiError } from "../errors.js";
import type { RouteDoc } from "../openapi.js";
import { assertJsonDepth } from "./validate.js";

export const signalsBodySchema = z.union([
  z.array(z.record(z.string(), z.unknown())),
  z.object({ rows: z.array(z.record(z.string(), z.unknown())) }),
]);
const sourceSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, "source: letters, digits, _ . - (at most 64)");

export const signalsDocs: RouteDoc[] = [
  {
    method: "post",
    path: "/signals/{kind}",
    summary: `Ingest one feed (kind: ${INGEST_KINDS.join(", ")}) as JSON rows or text/csv; ?source=NAME names the source for SKU aliases. Same harmonisation and quarantine as the CLI. Reference kinds (market, location, product, sku_alias, fx_rate) need data_steward or admin; the others supply_chain, marketing or admin.`,
    roles: ROLE_SETS.signals,
    body: signalsBodySchema,
    bodyTypes: ["text/csv"],
    response: ingestReportSchema,
    tag: "signals",
  },
];

function jsonRows(text: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ApiError(400, "INVALID_INPUT", `body is not JSON: ${(e as Error).message}`);
  }
  // Rows are re-serialised below (JSON.stringify recurses): refuse absurd nesting first.
  assertJsonDepth(parsed);
  const body = signalsBodySchema.safeParse(parsed);
  if (!body.success)
    throw new ApiError(
      400,
      "INVALID_INPUT",
      "expected a JSON array of row objects or { rows: [...] }",
    );
  const rows = Array.isArray(body.data) ? body.data : body.data.rows;
  return rows;
}

/** POST /signals/:kind. */
export function signalsRoutes(d: RouteDeps) {
  // Ingests hold a write transaction; one at a time keeps other requests from nesting inside it.
  let queue: Promise<unknown> = Promise.resolve();
  return new Hono<AppEnv>().post(
    "/signals/:kind",
    requireRole(ROLE_SETS.signals, "ingest signals"),
    async (c) => {
      const kind = c.req.param("kind");
      if (!(INGEST_KINDS as readonly string[]).includes(kind))
        throw new ApiError(
          404,
          "UNKNOWN_KIND",
          `unknown kind ${kind} (known: ${INGEST_KINDS.join(", ")})`,
        );
      assertRole(c.get("auth").role, rolesForKind(kind), `post ${kind} feeds`);
      const source = sourceSchema.safeParse(c.req.query("source") ?? "http");
      if (!source.success)
        throw new ApiError(400, "INVALID_INPUT", source.error.issues[0]!.message);
      const text = await c.req.text();
      const origin = `POST /signals/${kind}`;
      const isCsv = (c.req.header("Content-Type") ?? "").toLowerCase().startsWith("text/csv");
      const sha = createHash("sha256")
        .update(`${kind}\n${source.data}\n`)
        .update(text)
        .digest("hex");
      const feed: PostedFeed = {
        kind,
        source: source.data,
        origin,
        originSha256: sha,
        body: isCsv ? { csv: text } : { rows: jsonRows(text) },
      };
      const batches = await postedRecords(feed);
      const run = queue.then(() => ingestPosted(d.db, d.clock, feed, batches));
      queue = run.catch(() => undefined);
      const report = await run;
      d.events.publish("ingest", {
        ingestId: report.ingestId,
        kind,
        stored: report.stored,
        corrected: report.corrected,
        quarantined: report.quarantined,
        by: c.get("auth").name,
      });
      return c.json(report);
    },
  );
}
