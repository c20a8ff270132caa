import type { RunTrigger, TriggerFact } from "../domain/index.js";

/** One category × market the promotion graph plans for. */
export interface Scope {
  category: string;
  market: string;
}

/** A run something asked for: the scope, why in words, and the facts that asked. */
export interface Trigger {
  scope: Scope;
  reason: string;
  facts: TriggerFact[];
}

/** At most this many fact summaries ride on one run (a flood coalesced into one run). */
export const MAX_TRIGGER_FACTS = 20;
/** Coalesced reasons are spelled out up to about this many characters, then "…". */
const MAX_REASON_CHARS = 500;

/** The run trigger a Trigger starts: an event run carrying its facts (none: no `facts` key). */
export function eventTrigger(t: Pick<Trigger, "reason" | "facts">): RunTrigger {
  return t.facts.length > 0
    ? { kind: "event", reason: t.reason, facts: t.facts }
    : { kind: "event", reason: t.reason };
}

const factKey = (f: TriggerFact) =>
  `${f.kind}\u0000${f.market}\u0000${f.measure}\u0000${f.ingestId ?? ""}\u0000${f.from}`;

/**
 * One run for two asks of the same scope: an event outranks a cycle, and the facts and reasons
 * of both are kept (bounded), so the run records everything that asked for it.
 */
export function mergeRunTriggers(waiting: RunTrigger, next: RunTrigger): RunTrigger {
  if (next.kind !== "event") return waiting;
  if (waiting.kind !== "event") return next;
  const facts = new Map<string, TriggerFact>();
  for (const f of [...(waiting.facts ?? []), ...(next.facts ?? [])])
    if (!facts.has(factKey(f))) facts.set(factKey(f), f);
  const reason = joinReasons(waiting.reason ?? "", next.reason ?? "");
  const all = [...facts.values()].slice(0, MAX_TRIGGER_FACTS);
  return eventTrigger({ reason, facts: all });
}

/** Both reasons once, and "…" past MAX_REASON_CHARS (a flood of signals on one scope). */
function joinReasons(a: string, b: string): string {
  if (!b || a.includes(b)) return a;
  if (!a) return b;
  if (a.endsWith("; …")) return a;
  const both = `${a}; ${b}`;
  return both.length > MAX_REASON_CHARS ? `${a}; …` : both;
}
