import { settledOutcomes, type SettledOutcome } from "../../monitoring/index.js";
import type { Db } from "../../store/index.js";
import type { AccuracyTimeline } from "./schemas.js";

type Point = AccuracyTimeline["total"];

function pointOf(group: readonly SettledOutcome[]): Point {
  const withInterval = group.filter(
    (o) => o.forecastLow !== undefined && o.forecastHigh !== undefined,
  );
  const inside = withInterval.filter(
    (o) =>
      o.measuredIncrementalMargin >= o.forecastLow! &&
      o.measuredIncrementalMargin <= o.forecastHigh!,
  );
  return {
    settled: group.length,
    forecastMargin: group.reduce((s, o) => s + o.forecastIncrementalMargin, 0),
    settledMargin: group.reduce((s, o) => s + o.measuredIncrementalMargin, 0),
    withInterval: withInterval.length,
    coverage: withInterval.length ? inside.length / withInterval.length : null,
  };
}

/**
 * The accuracy record over time: per month campaigns settled in, forecast against settled
 * incremental margin and the share inside the forecast's 80 % interval. A campaign settled by
 * both methods counts once, by its holdout, as in the accuracy record.
 */
export function accuracyTimeline(db: Db): AccuracyTimeline {
  const best = new Map<string, SettledOutcome>();
  for (const o of settledOutcomes(db)) {
    const prev = best.get(o.campaignId);
    if (!prev || (prev.method === "baseline" && o.method === "holdout")) best.set(o.campaignId, o);
  }
  const byMonth = new Map<string, SettledOutcome[]>();
  for (const o of best.values()) {
    const m = o.settledAt.slice(0, 7);
    byMonth.set(m, [...(byMonth.get(m) ?? []), o]);
  }
  const months = [...byMonth.keys()]
    .sort()
    .map((month) => ({ month, ...pointOf(byMonth.get(month)!) }));
  return { months, total: pointOf([...best.values()]) };
}
