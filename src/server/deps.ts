import type { LoadedPolicy } from "../policies/index.js";
import type { Clock } from "../domain/index.js";
import type { Db } from "../store/index.js";
import type { EventBus } from "./events.js";
import type { AgentServer } from "./graph/agent-server.js";
import type { AssistantGraph, GraphPort } from "./graph/port.js";
import type { RunManager } from "./graph/runs.js";
import type { Metrics } from "./metrics.js";

/** Everything the app needs, passed in: no module-level state, so tests build as many apps as they like. */
export interface ServerDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  /** Channel rules for resuming campaigns; default: the shipped policy file. */
  policy?: LoadedPolicy;
  /** The promotion graph; without it the thread and run routes answer 501 and decisions are read from the table. */
  graph?: GraphPort;
  /** Graphs served as assistants beside `promotion` (see registeredGraph). */
  assistants?: Record<string, AssistantGraph>;
  metrics?: Metrics;
  /** Largest request body (default 5 MiB). */
  maxBodyBytes?: number;
  /** Requests per minute per token (default 600). */
  rateLimitPerMinute?: number;
  /** Called once per request with method, path (no query: it may hold a token), status and ms. */
  log?: (line: { method: string; path: string; status: number; ms: number }) => void;
}

/** The deps after defaults were filled in, as the routes see them. */
export type RouteDeps = ServerDeps & {
  policy: LoadedPolicy;
  runs?: RunManager;
  agent?: AgentServer;
};
