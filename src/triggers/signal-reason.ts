import type { TriggerFact } from "../domain/index.js";

/** Fact summaries spelled out in a reason; the rest are counted (all are in the facts). */
const SPELLED = 2;

const range = (f: TriggerFact) => (f.min === f.max ? `${f.min}` : `${f.min}–${f.max}`);
const when = (f: TriggerFact) => (f.from === f.to ? f.from : `${f.from}…${f.to}`);
const skusOf = (f: TriggerFact) =>
  f.skuCount === 0 ? "the market" : f.skuCount === 1 ? f.skus[0]! : `${f.skuCount} SKUs`;

/** One fact summary in words: "price 1.79 for SNK-01 in US-EAST at 2026-11-23T09:00:00Z". */
export function describeFact(f: TriggerFact): string {
  return `${f.measure} ${range(f)} for ${skusOf(f)} in ${f.market} at ${when(f)}`;
}

/**
 * Why a signal run started, in words: the kinds, how many facts were new or corrected, and the
 * first facts themselves, e.g. "signal: competitor_price via POST /signals (1 new, 0 corrected):
 * price 1.79 for SNK-01 in US-EAST at 2026-11-23T09:00:00Z".
 */
export function signalReason(via: string, facts: readonly TriggerFact[]): string {
  const kinds = [...new Set(facts.map((f) => f.kind))].join(", ");
  const corrected = facts.reduce((a, f) => a + f.corrected, 0);
  const fresh = facts.reduce((a, f) => a + f.count, 0) - corrected;
  const spelled = facts.slice(0, SPELLED).map(describeFact);
  if (facts.length > SPELLED) spelled.push(`${facts.length - SPELLED} more`);
  return `signal: ${kinds} via ${via} (${fresh} new, ${corrected} corrected): ${spelled.join("; ")}`;
}
