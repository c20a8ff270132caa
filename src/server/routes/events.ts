import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { ROLE_SETS } from "../auth/roles.js";
import type { RouteDeps } from "../deps.js";
import type { AppEnv } from "../env.js";
import type { ServerEvent } from "../events.js";
import type { RouteDoc } from "../openapi.js";

export const eventsDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/events",
    summary:
      "Server-sent events: decision, approval, campaign, kill_switch, ingest, run. Accepts ?access_token= for EventSource; honours Last-Event-ID, or ?since=<id> on a first connection (since=0: every event still held).",
    roles: ROLE_SETS.read,
    produces: "text/event-stream",
    tag: "events",
  },
];

/** GET /events: the live feed, with a heartbeat comment so proxies keep the stream open. */
export function eventsRoutes(d: RouteDeps, heartbeatMs = 15_000) {
  return new Hono<AppEnv>().get("/events", (c) =>
    streamSSE(c, async (stream) => {
      const queue: ServerEvent[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = d.events.subscribe((e) => {
        queue.push(e);
        wake?.();
      });
      stream.onAbort(unsubscribe);
      // ?since=<id> is Last-Event-ID for a first connection: the dashboard asks for what was
      // announced before it opened, so the feed is not empty until the next event.
      const last = Number(c.req.header("Last-Event-ID") ?? c.req.query("since") ?? NaN);
      if (Number.isFinite(last)) queue.push(...d.events.since(last));
      await stream.writeSSE({ event: "ready", data: JSON.stringify({ role: c.get("auth").role }) });
      try {
        while (!stream.aborted) {
          const e = queue.shift();
          if (e) {
            await stream.writeSSE({ id: String(e.id), event: e.type, data: JSON.stringify(e) });
            continue;
          }
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, heartbeatMs);
            wake = () => {
              clearTimeout(t);
              resolve();
            };
          });
          wake = undefined;
          if (!queue.length && !stream.aborted) await stream.write(": heartbeat\n\n");
        }
      } finally {
        unsubscribe();
      }
    }),
  );
}
