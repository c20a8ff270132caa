import type { Direction, Metric, SuiteResult, SuiteStatus } from "./schema.js";

/** How a metric is judged. */
export interface MetricSpec {
  threshold?: number | null;
  direction?: Direction;
  /** `min` only: the value must be strictly above the threshold (e.g. an interval that excludes 0). */
  strict?: boolean;
  unit?: string;
}

/** True when `value` meets the threshold in its direction; no threshold always meets. */
export function meetsThreshold(
  value: number,
  threshold: number | null,
  direction: Direction,
  strict = false,
): boolean {
  if (threshold === null) return true;
  if (!Number.isFinite(value)) return false;
  if (direction === "min") return strict ? value > threshold : value >= threshold;
  return strict ? value < threshold : value <= threshold;
}

/** Builds a scored metric. */
export function metric(name: string, value: number, spec: MetricSpec = {}): Metric {
  const threshold = spec.threshold ?? null;
  const direction = spec.direction ?? "min";
  const strict = spec.strict ?? false;
  return {
    name,
    value,
    threshold,
    direction,
    strict,
    pass: meetsThreshold(value, threshold, direction, strict),
    ...(spec.unit ? { unit: spec.unit } : {}),
  };
}

/** A suite passes when every thresholded metric does. */
export function suiteStatusOf(metrics: readonly Metric[]): SuiteStatus {
  return metrics.every((m) => m.pass) ? "pass" : "fail";
}

/**
 * The process exit code: 0 unless thresholds are enforced and a suite failed or errored. Skipped
 * suites (no data here) do not fail the run; the report lists them with the reason.
 */
export function exitCodeFor(
  suites: readonly Pick<SuiteResult, "status">[],
  enforce: boolean,
): 0 | 1 {
  if (!enforce) return 0;
  return suites.some((s) => s.status === "fail" || s.status === "error") ? 1 : 0;
}

/** "≥ 0.9", "≤ 0.33", "> 0" or "–": how a threshold reads in a table. */
export function thresholdLabel(
  m: Pick<Metric, "threshold" | "direction" | "strict">,
  format: (n: number) => string,
): string {
  if (m.threshold === null) return "–";
  const op = m.direction === "min" ? (m.strict ? ">" : "≥") : m.strict ? "<" : "≤";
  return `${op} ${format(m.threshold)}`;
}
