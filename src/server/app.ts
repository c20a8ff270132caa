import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { loadPolicy } from "../policies/index.js";
import { redactSecrets } from "../redact.js";
import { writableSoon } from "../store/index.js";
import { auditMutations } from "./auth/audit-middleware.js";
import { authenticate } from "./auth/middleware.js";
import { rateLimit } from "./auth/rate-limit.js";
import type { RouteDeps, ServerDeps } from "./deps.js";
import type { AppEnv } from "./env.js";
import { ApiError, onError } from "./errors.js";
import { createAgentServer } from "./graph/agent-server.js";
import { createMetrics, measure } from "./metrics.js";
import type { RouteDoc } from "./openapi.js";
import { approvalsDocs, approvalsRoutes } from "./routes/approvals.js";
import { campaignsDocs, campaignsRoutes } from "./routes/campaigns.js";
import { dashboardDocs, dashboardRoutes } from "./routes/dashboard.js";
import { decisionsDocs, decisionsRoutes } from "./routes/decisions.js";
import { eventsDocs, eventsRoutes } from "./routes/events.js";
import { opsDocs, opsRoutes } from "./routes/ops.js";
import { overviewDocs, overviewRoutes } from "./routes/overview.js";
import { signalsDocs, signalsRoutes } from "./routes/signals.js";
import { trustDocs, trustRoutes } from "./routes/trust.js";
import { assistantsRoutes } from "./routes/assistants.js";
import { runsRoutes } from "./routes/runs.js";
import { assistantsDocs } from "./routes/assistants-docs.js";
import { threadsDocs } from "./routes/threads-docs.js";
import { threadsRoutes } from "./routes/threads.js";

/** Every documented route, in the order the OpenAPI document lists them. */
export const ROUTE_DOCS: readonly RouteDoc[] = [
  ...opsDocs,
  ...dashboardDocs,
  ...overviewDocs,
  ...trustDocs,
  ...signalsDocs,
  ...campaignsDocs,
  ...approvalsDocs,
  ...decisionsDocs,
  ...eventsDocs,
  ...assistantsDocs,
  ...threadsDocs,
];

const PUBLIC_PATHS: ReadonlySet<string> = new Set(["/", "/healthz", "/openapi.json"]);
const QUERY_TOKEN_PATHS: ReadonlySet<string> = new Set(["/events"]);
/** How long a request that writes waits for another process's write lock before its 503. */
const WRITE_WAIT_MS = 30_000;
export const API_VERSION = "0.1.0";

/**
 * Builds the HTTP app: secure headers, body limit, metrics, bearer auth (deny by default),
 * per-token rate limit, the audit chain for mutations, then the routes. Nothing is global: two
 * apps on two databases in one process do not share state.
 * @example const app = createApp({ db, clock: systemClock(), events: createEventBus(systemClock()) }); await app.request("/healthz");
 */
export function createApp(deps: ServerDeps) {
  const d: RouteDeps = { ...deps, policy: deps.policy ?? loadPolicy() };
  if (d.graph) {
    d.agent = createAgentServer({
      db: d.db,
      clock: d.clock,
      events: d.events,
      graph: d.graph,
      ...(deps.assistants ? { assistants: deps.assistants } : {}),
    });
    d.runs = d.agent.runs;
  }
  const metrics = deps.metrics ?? createMetrics();
  const maxBytes = deps.maxBodyBytes ?? 5 * 1024 * 1024;
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound((c) =>
    c.json(
      {
        error: {
          status: 404,
          code: "NOT_FOUND",
          message: `no route ${c.req.method} ${redactSecrets(c.req.path)}`,
        },
      },
      404,
    ),
  );
  app.use("*", async (c, next) => {
    const start = performance.now();
    await next();
    // The path only (a query string may carry an EventSource's access_token), and scrubbed: a
    // client may paste a token where an id belongs.
    deps.log?.({
      method: c.req.method,
      path: redactSecrets(c.req.path),
      status: c.res.status,
      ms: Math.round(performance.now() - start),
    });
  });
  app.use("*", measure(metrics));
  // The page's inline script and style are ours; everything else stays locked down.
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
      },
    }),
  );
  app.use(
    "*",
    bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw new ApiError(413, "PAYLOAD_TOO_LARGE", `request body over ${maxBytes} bytes`);
      },
    }),
  );
  app.use(
    "*",
    authenticate(d.db, { publicPaths: PUBLIC_PATHS, queryTokenPaths: QUERY_TOKEN_PATHS }),
  );
  app.use(
    "*",
    rateLimit({ clock: d.clock, limit: deps.rateLimitPerMinute ?? 600, windowMs: 60_000 }),
  );
  app.use("*", async (c, next) => {
    // A write waits for another process's lock on timers here, not in SQLite's busy handler
    // (after authentication: only a caller allowed in may make the server wait for it).
    if (c.req.method !== "GET" && c.req.method !== "HEAD") await writableSoon(d.db, WRITE_WAIT_MS);
    await next();
  });
  app.use("*", auditMutations(d.db, d.clock));
  app.route(
    "/",
    opsRoutes(d, metrics, () => ROUTE_DOCS, API_VERSION),
  );
  app.route("/", dashboardRoutes(d));
  app.route("/", overviewRoutes(d));
  app.route("/", trustRoutes(d));
  app.route("/", signalsRoutes(d));
  app.route("/", campaignsRoutes(d));
  app.route("/", approvalsRoutes(d));
  app.route("/", decisionsRoutes(d));
  app.route("/", eventsRoutes(d));
  app.route("/", assistantsRoutes(d));
  app.route("/", threadsRoutes(d));
  app.route("/", runsRoutes(d));
  return app;
}
export type AutopromoApp = ReturnType<typeof createApp>;
