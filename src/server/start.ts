import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { createReasonerFromEnv } from "../llm/index.js";
import { loadPolicy, systemClock, type Clock, type LoadedPolicy } from "../policies/index.js";
import { openDb, type Db } from "../store/index.js";
import { createApp } from "./app.js";
import { createToken, hasAdminToken } from "./auth/tokens.js";
import { createEventBus } from "./events.js";
import { langGraphPort } from "./graph/langgraph.js";

export interface StartOptions {
  port?: number;
  /** Default 127.0.0.1: the API holds approvals and overrides, so it is not exposed unless asked. */
  hostname?: string;
  dbPath: string;
  policyPath?: string;
  clock?: Clock;
  /** Wire the promotion graph (default true); false serves everything except threads and runs. */
  graph?: boolean;
  log?: (line: { method: string; path: string; status: number; ms: number }) => void;
}

/** A running server: its URL, the first admin token when this start created one, and a close function. */
export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  firstAdminToken: string | null;
  close(): Promise<void>;
}

/** Opens the database, creates the first admin token if there is none, and listens (port 0 = ephemeral). */
export async function startServer(o: StartOptions): Promise<RunningServer> {
  const db = openDb(o.dbPath);
  const clock = o.clock ?? systemClock();
  const policy: LoadedPolicy = loadPolicy(o.policyPath);
  const firstAdminToken = hasAdminToken(db) ? null : createToken(db, { role: "admin", name: "local-admin", createdBy: "serve (first start)" }, clock).secret;
  const events = createEventBus(clock);
  const graph = o.graph === false ? undefined : langGraphPort({ db, clock, policy, reasoner: createReasonerFromEnv(process.env) });
  const app = createApp({ db, clock, events, policy, ...(graph ? { graph } : {}), ...(o.log ? { log: o.log } : {}) });
  const hostname = o.hostname ?? "127.0.0.1";
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: o.port ?? 8787, hostname }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${hostname}:${port}`,
    port,
    db,
    firstAdminToken,
    close: () =>
      new Promise<void>((resolve) => {
        // Open SSE streams would hold close() forever.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => {
          db.close();
          resolve();
        });
      }),
  };
}
