import type { Finding } from "../../domain/findings.js";
import type { PerceptionData } from "./data.js";
import type { PerceptionThresholds } from "./thresholds.js";

/** A perception rule and the parts of the data it reads; its type admits no other part. */
export interface PerceptionRule {
  readonly reads: readonly (keyof PerceptionData)[];
  run(d: PerceptionData, t: PerceptionThresholds): Finding[];
}

/**
 * Declares a rule with the data it reads: `run` only receives those parts in its type, so a rule
 * that starts reading another part does not compile until it is listed.
 * @example const rule = perceptionRule(["asOf", "positions"], excessStock);
 */
export function perceptionRule<K extends keyof PerceptionData>(
  reads: readonly K[],
  run: (d: Pick<PerceptionData, NoInfer<K>>, t: PerceptionThresholds) => Finding[],
): PerceptionRule {
  return { reads, run };
}

interface Entry {
  inputs: unknown[];
  findings: Finding[];
}

/**
 * Each rule's findings per key (a category), kept while everything the rule reads is the same:
 * the data's parts are memoised objects, replaced when an ingest changes them, so a rule is run
 * again only when one of its own inputs is new (a competitor price does not rerun the trend test).
 * Rules are pure functions of what they read; their findings are handed out read-only. An entry
 * holds the inputs it was computed from, so few are kept: they must not keep alive data the
 * store's memos have let go (a cycle moves category by category; a run repeats a few).
 */
export class RuleMemo {
  private readonly entries = new Map<string, Entry[]>();

  constructor(
    private readonly rules: readonly PerceptionRule[],
    private readonly capacity = 64,
  ) {}

  /** Every rule's findings on `d`, in rule order. */
  findings(key: string, d: PerceptionData, t: PerceptionThresholds): Finding[] {
    const known = this.entries.get(key) ?? [];
    // Re-insert so that Map order is least recently used first.
    this.entries.delete(key);
    const entries = this.rules.map((rule, i) => {
      const inputs = rule.reads.map((k) => d[k]);
      const hit = known[i];
      return hit && hit.inputs.every((v, j) => v === inputs[j])
        ? hit
        : { inputs, findings: rule.run(d, t) };
    });
    this.entries.set(key, entries);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return entries.flatMap((e) => e.findings);
  }
}
