import type { Finding, FindingSeverity } from "../../domain/findings.js";

const clamp01 = (x: number): number => Math.min(1, Math.max(0, Number.isFinite(x) ? x : 1));
const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/** A severity from a score in [0, 1]: below ⅓ low, below ⅔ medium, else high. */
export function severityOf(score: number): FindingSeverity {
  const s = r3(clamp01(score));
  return { score: s, level: s < 1 / 3 ? "low" : s < 2 / 3 ? "medium" : "high" };
}

/** Rounds every figure so findings read cleanly and compare stably in tests. */
export function roundFigures(f: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(f)
      .filter(([, v]) => Number.isFinite(v))
      .map(([k, v]) => [k, r3(v)]),
  );
}

/** A stable id from the kind and scope, so re-running on the same data names the same finding. */
export function findingId(kind: Finding["kind"], scope: Finding["scope"]): string {
  return [kind, scope.market, scope.category ?? "", scope.sku ?? "", scope.location ?? ""].join(
    ":",
  );
}
