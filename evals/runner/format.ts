import type { Metric } from "./schema.js";

/** A metric value as people read it: shares as %, timings in ms, counts whole, the rest to 3 decimals. */
export function formatValue(value: number | null | undefined, unit?: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  if (unit === "%") return `${(value * 100).toFixed(1)}%`;
  if (unit === "ms") return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return value.toFixed(Math.abs(value) >= 100 ? 1 : 3);
}

/** The change against the previous run: "+0.012", "−1.5 pp", "new" when there is no earlier value. */
export function formatChange(m: Pick<Metric, "change" | "previous" | "unit">): string {
  if (m.previous === undefined || m.previous === null) return "new";
  const c = m.change;
  if (c === null || c === undefined) return "–";
  if (c === 0) return "=";
  const sign = c > 0 ? "+" : "−";
  const a = Math.abs(c);
  if (m.unit === "%") return `${sign}${(a * 100).toFixed(1)} pp`;
  if (m.unit === "ms") return `${sign}${a.toFixed(a < 10 ? 2 : 1)} ms`;
  return `${sign}${Number.isInteger(a) ? a.toLocaleString("en-US") : a.toFixed(a >= 100 ? 1 : 3)}`;
}

/** True when the change moved the metric toward failing its threshold (for colouring and words). */
export function isWorse(m: Pick<Metric, "change" | "direction" | "threshold">): boolean {
  if (m.threshold === null || m.change === null || m.change === undefined || m.change === 0)
    return false;
  return m.direction === "min" ? m.change < 0 : m.change > 0;
}
