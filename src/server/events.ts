import { z } from "zod";
import type { Clock } from "../domain/index.js";

/** What the live feed carries; the dashboard refreshes the matching panel on each. */
export const EVENT_TYPES = [
  "decision",
  "approval",
  "campaign",
  "kill_switch",
  "ingest",
  "run",
] as const;
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
  /** Sends the event to every subscriber; null when it repeats a state already announced (see {@link announcedState}). */
  publish(type: ServerEventType, data: Record<string, unknown>): ServerEvent | null;
  /** Calls `listener` for every later event; returns the unsubscribe function. */
  subscribe(listener: (e: ServerEvent) => void): () => void;
  /** Events after `id` still held (for an EventSource reconnecting with Last-Event-ID). */
  since(id: number): ServerEvent[];
  readonly subscribers: number;
}

const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));

/**
 * The entity an event is about and the state it announces, for the types that describe a state
 * change. The same change is often announced twice — by the route or run that made it and by the
 * table feed that saw it in the database (which also sees other processes' changes) — and the
 * bus sends it once. Returns null for events that are never folded (ingests, runs).
 */
export function announcedState(
  type: ServerEventType,
  data: Record<string, unknown>,
): { entity: string; state: string } | null {
  if (type === "decision" && data.decisionId)
    return { entity: `decision:${str(data.decisionId)}`, state: str(data.status) };
  if (type === "campaign" && data.campaignId)
    return {
      entity: `campaign:${str(data.campaignId)}`,
      state: `${str(data.action)}|${str(data.status)}`,
    };
  if (type === "kill_switch" && data.at)
    return { entity: "kill_switch", state: `${str(data.on)}|${str(data.at)}|${str(data.by)}` };
  if (type === "approval" && data.requestId)
    return {
      entity: `approval:${str(data.requestId)}`,
      state: `${str(data.vote ?? "requested")}|${str(data.by)}|${str(data.status)}`,
    };
  return null;
}

/** Creates a bus that keeps the last `keep` events so a reconnecting client misses nothing recent. */
export function createEventBus(clock: Clock, keep = 200): EventBus {
  const listeners = new Set<(e: ServerEvent) => void>();
  const recent: ServerEvent[] = [];
  // Latest announced state per entity, bounded (oldest forgotten first) so a long-running server stays small.
  const lastState = new Map<string, string>();
  let next = 1;
  return {
    publish(type, data) {
      const s = announcedState(type, data);
      if (s) {
        if (lastState.get(s.entity) === s.state) return null;
        lastState.delete(s.entity);
        lastState.set(s.entity, s.state);
        if (lastState.size > 10_000) lastState.delete(lastState.keys().next().value!);
      }
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
