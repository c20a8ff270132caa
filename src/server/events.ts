import { z } from "zod";
import type { Clock } from "../policies/index.js";

/** What the live feed carries; the dashboard refreshes the matching panel on each. */
export const EVENT_TYPES = ["decision", "approval", "campaign", "kill_switch", "ingest", "run"] as const;
export const serverEventSchema = z.object({
  id: z.number().int(),
  type: z.enum(EVENT_TYPES),
  at: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type ServerEvent = z.infer<typeof serverEventSchema>;
export type ServerEventType = ServerEvent["type"];

/** An in-process publish/subscribe bus: routes (and the graph adapter) publish, SSE streams subscribe. */
export interface EventBus {
  publish(type: ServerEventType, data: Record<string, unknown>): ServerEvent;
  /** Calls `listener` for every later event; returns the unsubscribe function. */
  subscribe(listener: (e: ServerEvent) => void): () => void;
  /** Events after `id` still held (for an EventSource reconnecting with Last-Event-ID). */
  since(id: number): ServerEvent[];
  readonly subscribers: number;
}

/** Creates a bus that keeps the last `keep` events so a reconnecting client misses nothing recent. */
export function createEventBus(clock: Clock, keep = 200): EventBus {
  const listeners = new Set<(e: ServerEvent) => void>();
  const recent: ServerEvent[] = [];
  let next = 1;
  return {
    publish(type, data) {
      const e: ServerEvent = { id: next++, type, at: clock.now().toISOString(), data };
      recent.push(e);
      if (recent.length > keep) recent.shift();
      for (const l of [...listeners]) {
        try {
          l(e);
        } catch {
          // One broken subscriber (a closed stream) must not stop the others.
        }
      }
      return e;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    since: (id) => recent.filter((e) => e.id > id),
    get subscribers() {
      return listeners.size;
    },
  };
}
