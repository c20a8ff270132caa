import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { createReasonerFromEnv } from "../llm/index.js";
import { loadPolicy, type LoadedPolicy } from "../policies/index.js";
import { systemClock, type Clock } from "../domain/index.js";
import { openDb, type Db } from "../store/index.js";
import { createApp } from "./app.js";
import { createToken, hasAdminToken } from "./auth/tokens.js";
import { createEventBus, type EventBus } from "./events.js";
import { langGraphPort } from "./graph/langgraph.js";
import type { GraphPort } from "./graph/port.js";
import { createTableFeed } from "./service/feed.js";

export interface StartOptions {
  port?: number;
  /** Default 127.0.0.1: the API holds approvals and overrides, so it is not exposed unless asked. */
  hostname?: string;
  /** The database file; ignored when `db` is given. */
  dbPath: string;
  /** An open handle to serve instead of opening `dbPath`; the caller keeps it (close() leaves it open). */
  db?: Db;
  policyPath?: string;
  /** A loaded policy (wins over `policyPath`). */
  policy?: LoadedPolicy;
  clock?: Clock;
  /** Wire the promotion graph (default true); false serves everything except threads and runs. */
  graph?: boolean;
  /** The graph to serve (default: a new one over the database with the reasoner from the environment). */
  graphPort?: GraphPort;
  /** The live event bus (default: a new one); the service shares it with its scheduler and table feed. */
  events?: EventBus;
  /**
   * Publish decisions, approvals and campaign changes read from the tables, including other
   * processes' (default true; the service runs its own feed and turns this off).
   */
  tableFeed?: boolean;
  /** Requests per minute per token (default 600); the load bench raises it to measure the server, not the limiter. */
  rateLimitPerMinute?: number;
  log?: (line: { method: string; path: string; status: number; ms: number }) => void;
}

/** A running server: its URL, the first admin token when this start created one, and a close function. */
export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  events: EventBus;
  firstAdminToken: string | null;
  close(): Promise<void>;
}

/** Opens the database, creates the first admin token if there is none, and listens (port 0 = ephemeral). */
export async function startServer(o: StartOptions): Promise<RunningServer> {
  const db = o.db ?? openDb(o.dbPath);
  const clock = o.clock ?? systemClock();
  const policy: LoadedPolicy = o.policy ?? loadPolicy(o.policyPath);
  // Printed once by the caller; only the hash is stored. A lost token is replaced with `autopromo token create`.
  const firstAdminToken = hasAdminToken(db)
    ? null
    : createToken(
        db,
        { role: "admin", name: "local-admin", createdBy: "serve (first start)" },
        clock,
      ).secret;
  const events = o.events ?? createEventBus(clock);
  const graph =
    o.graph === false
      ? undefined
      : (o.graphPort ??
        langGraphPort({ db, clock, policy, reasoner: createReasonerFromEnv(process.env) }));
  const app = createApp({
    db,
    clock,
    events,
    policy,
    ...(graph ? { graph } : {}),
    ...(o.log ? { log: o.log } : {}),
    ...(o.rateLimitPerMinute ? { rateLimitPerMinute: o.rateLimitPerMinute } : {}),
  });
  const hostname = o.hostname ?? "127.0.0.1";
  const server: ServerType = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: o.port ?? 8787, hostname }, () => resolve(s));
    s.once("error", reject); // EADDRINUSE and the like reject instead of crashing the process
  }).catch((e: unknown) => {
    if (!o.db) db.close();
    throw e;
  });
  const port = (server.address() as AddressInfo).port;
  const feed = o.tableFeed === false ? undefined : createTableFeed(db, events);
  feed?.start();
  return {
    url: `http://${hostname}:${port}`,
    port,
    db,
    events,
    firstAdminToken,
    close: () =>
      new Promise<void>((resolve) => {
        // Open SSE streams would hold close() forever.
        feed?.stop();
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => {
          if (!o.db) db.close();
          resolve();
        });
      }),
  };
}
