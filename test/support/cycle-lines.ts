import { createHash } from "node:crypto";
import type { DecisionRecord } from "../../src/domain/index.js";

// The line test/cycle-records.test.ts pins for each scope of a cycle, so a cycle run another way
// (worker processes on the queue) can be held to the same fixture: what was decided, and a digest
// of the whole record without its keys (the id's random suffix, checkpoint ids).

/** A record as sorted JSON, checkpoint ids dropped and decision ids cut before their suffix. */
function withoutKeys(record: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([k]) => k !== "checkpointId")
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, sorted(x)]),
          )
        : v;
  return JSON.stringify(sorted(record)).replace(/(dec-[^"\s]*?-\d{14})-[0-9a-f]{6}/g, "$1");
}

/** One fixture line: scope, trigger, status, verdict, margin and the record's digest. */
export function cycleLine(d: DecisionRecord): string {
  const margin = d.chosen ? Math.round(d.chosen.prediction.incrementalMargin) : "-";
  const digest = createHash("sha256").update(withoutKeys(d)).digest("hex").slice(0, 16);
  const what = `${d.scope.category}/${d.scope.market} ${d.trigger.kind}`;
  return `${what} ${d.status} ${d.policy?.verdict ?? "-"} margin ${margin} ${digest}`;
}

/**
 * A scope's decision without what depends on the order scopes ran in: keys aside, and each
 * policy rule's reason dropped (its id and outcome kept). Spend caps cite what earlier scopes
 * of the cycle committed ("committed 133.98 + this 2.94"), so workers sharing a cycle in any
 * order reach the same decisions with other running totals in those sentences.
 */
export function decisionLine(d: DecisionRecord): string {
  const rules = d.policy?.rules.map(({ reason: _reason, ...rest }) => rest);
  const record = d.policy ? { ...d, policy: { ...d.policy, rules } } : d;
  const digest = createHash("sha256").update(withoutKeys(record)).digest("hex").slice(0, 16);
  return cycleLine(d).replace(/ [0-9a-f]{16}$/, ` ${digest}`);
}
