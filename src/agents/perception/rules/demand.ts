import type { Finding } from "../../../domain/findings.js";
import { baselineOf } from "../../../tools/forecast/series-forecast.js";
import { normalUpperTail } from "../../../tools/forecast/normal.js";
import type { PerceptionData, SeriesView } from "../data.js";
import { findingId, roundFigures, severityOf } from "../severity.js";
import type { PerceptionThresholds } from "../thresholds.js";

interface WeekTest { t: number; z: number; p: number; effect: number; actual: number; forecast: number; sd: number; week: string }

/** Tests each of the last `recentWeeks` clean weeks against a baseline fitted without them. */
function recentTests(s: SeriesView, t: PerceptionThresholds): WeekTest[] {
  const n = s.grid.points.length;
  const base = baselineOf(s.grid, n - 1 - t.recentWeeks);
  if (!base) return [];
  const out: WeekTest[] = [];
  for (let i = n - t.recentWeeks; i < n; i++) {
    const pt = s.grid.points[i];
    if (!pt?.clean) continue; // promoted weeks are explained, not surprising
    const f = base.at(i);
    const z = (Math.log1p(pt.units) - f.logMean) / f.logSd;
    out.push({ t: i, z, p: normalUpperTail(Math.abs(z)), effect: Math.log1p(pt.units) - f.logMean, actual: pt.units, forecast: f.units, sd: f.sd, week: f.week });
  }
  return out;
}

/** Consumer-signal z-scores that corroborate a demand move (search for the category, mentions for the SKU). */
function signalFigures(d: Pick<PerceptionData, "signals">, s: SeriesView): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of d.signals) {
    if (r.market !== s.market || r.z === null) continue;
    if (r.sku === s.sku || (r.sku === null && r.category === s.category)) out[`${r.kind}Z`] = r.z;
  }
  return out;
}

/**
 * Demand spike / dip: the standardised residual z = (log1p(actual) − μ) / σ_pred of a recent,
 * non-promoted week against the baseline fitted on the weeks before, tested one-sided at
 * `demandAlpha` / (weeks tested), and the move must also be at least `demandMinEffect` on the log scale.
 * One finding per series and direction: its most significant week.
 */
export function demandSpikesAndDips(d: Pick<PerceptionData, "asOf" | "series" | "signals">, t: PerceptionThresholds): Finding[] {
  const out: Finding[] = [];
  const all = d.series.map((s) => ({ s, tests: recentTests(s, t) }));
  // Bonferroni over every week tested in this run: many series are scanned, one false alarm per run is too many.
  const alpha = t.demandAlpha / Math.max(1, all.reduce((n, x) => n + x.tests.length, 0));
  for (const { s, tests } of all) {
    for (const kind of ["demand_spike", "demand_dip"] as const) {
      const sign = kind === "demand_spike" ? 1 : -1;
      const hits = tests.filter((w) => sign * w.z > 0 && w.p < alpha && sign * w.effect >= t.demandMinEffect).sort((a, b) => a.p - b.p);
      const w = hits[0];
      if (!w) continue;
      const scope = { market: s.market, sku: s.sku, category: s.category };
      out.push({
        id: findingId(kind, scope), kind, scope, asOf: d.asOf,
        severity: severityOf(Math.abs(w.effect) / 1.0),
        evidence: {
          metric: "log_actual_vs_forecast", value: w.effect, threshold: sign * t.demandMinEffect, weeks: [w.week],
          test: { method: "one-sided z on log1p residual vs baseline predictive SD", statistic: w.z, pValue: w.p, alpha, effect: w.effect, minEffect: t.demandMinEffect },
          figures: roundFigures({ actualUnits: w.actual, forecastUnits: w.forecast, forecastSd: w.sd, ratio: w.forecast > 0 ? w.actual / w.forecast : Infinity, ...signalFigures(d, s) }),
        },
        summary: `${s.sku} in ${s.market} sold ${w.actual.toFixed(0)} units in week ${w.week} against a baseline of ${w.forecast.toFixed(0)} (z = ${w.z.toFixed(1)}, p = ${w.p.toExponential(1)}), with no promotion.`,
      });
    }
  }
  return out;
}
