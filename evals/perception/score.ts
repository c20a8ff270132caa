import type { Finding, FindingKind } from "../../src/domain/findings.js";
import { findingKindSchema } from "../../src/domain/findings.js";
import type { FindingLabel, PerceptionCase } from "./types.js";

/** True when a finding is about the labelled scope. A category label accepts SKU findings in it. */
export function matches(f: Finding, l: FindingLabel): boolean {
  if (f.kind !== l.kind || f.scope.market !== l.market) return false;
  if (l.sku && f.scope.sku !== l.sku && !(f.scope.skus ?? []).includes(l.sku)) return false;
  if (l.category && f.scope.category !== l.category) return false;
  if (
    l.location &&
    f.scope.location !== l.location &&
    !(f.scope.locations ?? []).includes(l.location)
  )
    return false;
  return true;
}

export interface KindScore {
  truePositives: number;
  falsePositives: number;
  positives: number;
  found: number;
  precision: number;
  recall: number;
}
export interface CaseResult {
  id: string;
  family: string;
  missed: FindingLabel[];
  falseAlarms: { kind: FindingKind; id: string; summary: string }[];
  quietViolated: FindingLabel[];
}

/** Scores one case: which positives were found, which findings were false alarms. */
export function scoreCase(
  c: PerceptionCase,
  findings: readonly Finding[],
): CaseResult & { tp: Finding[] } {
  const tp = findings.filter((f) => c.positives.some((l) => matches(f, l)));
  const falseAlarms = findings.filter(
    (f) => !tp.includes(f) && !c.tolerated.some((l) => matches(f, l)),
  );
  return {
    id: c.id,
    family: c.family,
    tp,
    missed: c.positives.filter((l) => !findings.some((f) => matches(f, l))),
    falseAlarms: falseAlarms.map((f) => ({ kind: f.kind, id: f.id, summary: f.summary })),
    quietViolated: c.negatives.filter((l) => falseAlarms.some((f) => matches(f, l))),
  };
}

/** Precision (true-positive findings over non-tolerated findings) and recall (positive labels found), per kind. */
export function aggregate(
  cases: readonly PerceptionCase[],
  results: readonly (CaseResult & { tp: Finding[] })[],
): Record<FindingKind | "overall", KindScore> {
  const kinds = [...findingKindSchema.options, "overall"] as const;
  const s = Object.fromEntries(
    kinds.map((k) => [
      k,
      { truePositives: 0, falsePositives: 0, positives: 0, found: 0, precision: 1, recall: 1 },
    ]),
  ) as Record<FindingKind | "overall", KindScore>;
  cases.forEach((c, i) => {
    const r = results[i]!;
    for (const l of c.positives) {
      for (const k of [l.kind, "overall"] as const) {
        s[k].positives++;
        if (!r.missed.includes(l)) s[k].found++;
      }
    }
    for (const f of r.tp) {
      s[f.kind].truePositives++;
      s.overall.truePositives++;
    }
    for (const f of r.falseAlarms) {
      s[f.kind].falsePositives++;
      s.overall.falsePositives++;
    }
  });
  for (const k of kinds) {
    const v = s[k];
    v.precision =
      v.truePositives + v.falsePositives
        ? v.truePositives / (v.truePositives + v.falsePositives)
        : 1;
    v.recall = v.positives ? v.found / v.positives : 1;
  }
  return s;
}
