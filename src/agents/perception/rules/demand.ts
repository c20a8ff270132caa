import type { Finding } from "../../../domain/findings.js";
import { baselineOf } from "../../../tools/forecast/series-forecast.js";
import { normalUpperTail } from "../../../tools/forecast/normal.js";
import type { SeriesBaseline } from "../../../tools/forecast/series-forecast.js";
import type { PerceptionData, SeriesView } from "../data.js";
import { cutDepth, expectedAfterCut, fitPostPromoDip, isPostPromo, type PostPromoDip } from "./post-promo.js";
import { findingId, roundFigures, severityOf } from "../severity.js";
import type { PerceptionThresholds } from "../thresholds.js";

interface WeekTest {
  t: number; z: number; p: number; effect: number; actual: number; forecast: number; sd: number; week: string;
  /** What the week was measured against: the baseline, or the baseline less the expected post-promotion dip. */
  against: Expectation;
}

type Expectation =
  | { kind: "baseline"; lower80: number; upper80: number }
  | { kind: "post_promotion_dip"; baselineUnits: number; dipShare: number; depth: number; dip: PostPromoDip; lower80: number; upper80: number };

const Z80 = 1.2816;

interface Fitted { s: SeriesView; base: SeriesBaseline; trainEnd: number }

/** Each series' baseline fitted without its last `recentWeeks` (undefined when too short). */
function fitted(series: readonly SeriesView[], t: PerceptionThresholds): Fitted[] {
  const out: Fitted[] = [];
  for (const s of series) {
    const trainEnd = s.grid.points.length - 1 - t.recentWeeks;
    const base = baselineOf(s.grid, trainEnd);
    if (base) out.push({ s, base, trainEnd });
  }
  return out;
}

/** Each category's post-promotion dip, fitted on its series' weeks before the tested ones. */
function dipsByCategory(all: readonly Fitted[]): Map<string, PostPromoDip | undefined> {
  const groups = new Map<string, Fitted[]>();
  for (const x of all) {
    const list = groups.get(x.s.category);
    if (list) list.push(x);
    else groups.set(x.s.category, [x]);
  }
  return new Map([...groups].map(([c, xs]) => [c, fitPostPromoDip(xs)]));
}

/**
 * Tests each of the last `recentWeeks` weeks against a baseline fitted without them: a clean week
 * against the baseline, the week after a price cut against the baseline less the category's
 * expected dip (with that dip's own uncertainty). Promoted weeks are explained, not surprising.
 */
function recentTests({ s, base }: Fitted, dip: PostPromoDip | undefined, t: PerceptionThresholds): WeekTest[] {
  const n = s.grid.points.length;
  const out: WeekTest[] = [];
  for (let i = n - t.recentWeeks; i < n; i++) {
    const pt = s.grid.points[i];
    if (!pt) continue;
    const f = base.at(i);
    let mean = f.logMean;
    let sd = f.logSd;
    let against: Expectation;
    if (pt.clean) {
      against = { kind: "baseline", lower80: f.lower80, upper80: f.upper80 };
    } else if (dip && isPostPromo(s.grid.rows, i)) {
      const depth = cutDepth(s.grid.rows[i - 1]);
      const e = expectedAfterCut(f.logMean, f.logSd, depth, dip);
      ({ logMean: mean, logSd: sd } = e);
      const bound = (z: number) => Math.max(0, Math.expm1(mean + z * sd));
      against = { kind: "post_promotion_dip", baselineUnits: f.units, dipShare: e.dipShare, depth: Number.isFinite(depth) ? depth : dip.typicalDepth, dip, lower80: bound(-Z80), upper80: bound(Z80) };
    } else {
      continue;
    }
    const effect = Math.log1p(pt.units) - mean;
    const z = effect / sd;
    const forecast = against.kind === "baseline" ? f.units : Math.expm1(mean + (sd * sd) / 2);
    out.push({ t: i, z, p: normalUpperTail(Math.abs(z)), effect, actual: pt.units, forecast, sd: against.kind === "baseline" ? f.sd : forecast * Math.sqrt(Math.expm1(sd * sd)), week: f.week, against });
  }
  return out;
}

/** The expectation's figures and the words that name it in a summary. */
function expectationFigures(w: WeekTest): { figures: Record<string, number>; words: string } {
  const a = w.against;
  const interval = { expectedLower80: a.lower80, expectedUpper80: a.upper80 };
  if (a.kind === "baseline") return { figures: interval, words: `against a baseline of ${w.forecast.toFixed(0)}, with no promotion` };
  const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
  return {
    figures: { ...interval, baselineUnits: a.baselineUnits, priorCutDepth: a.depth, expectedDipShare: a.dipShare, dipPerDepth: a.dip.perDepth, dipPerDepthSd: a.dip.perDepthSd, dipWeeksFitted: a.dip.weeks },
    words: `in the week after a ${pct(a.depth)} price cut, against an expected ${w.forecast.toFixed(0)} (baseline ${a.baselineUnits.toFixed(0)} less the category's usual post-promotion dip of ${pct(a.dipShare)}; 80 % interval ${a.lower80.toFixed(0)}–${a.upper80.toFixed(0)})`,
  };
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
 * non-promoted week against what was expected for it (the baseline fitted on the weeks before;
 * after a price cut, that baseline less the category's expected dip, its uncertainty included), tested one-sided at
 * `demandAlpha` / (weeks tested), and the move must also be at least `demandMinEffect` on the log scale.
 * One finding per series and direction: its most significant week.
 */
export function demandSpikesAndDips(d: Pick<PerceptionData, "asOf" | "series" | "signals">, t: PerceptionThresholds): Finding[] {
  const out: Finding[] = [];
  const series = fitted(d.series, t);
  const dips = dipsByCategory(series);
  const all = series.map((x) => ({ s: x.s, tests: recentTests(x, dips.get(x.s.category), t) }));
  // Bonferroni over every week tested in this run: many series are scanned, one false alarm per run is too many.
  const alpha = t.demandAlpha / Math.max(1, all.reduce((n, x) => n + x.tests.length, 0));
  for (const { s, tests } of all) {
    for (const kind of ["demand_spike", "demand_dip"] as const) {
      const sign = kind === "demand_spike" ? 1 : -1;
      const hits = tests.filter((w) => sign * w.z > 0 && w.p < alpha && sign * w.effect >= t.demandMinEffect).sort((a, b) => a.p - b.p);
      const w = hits[0];
      if (!w) continue;
      const scope = { market: s.market, sku: s.sku, category: s.category };
      const expected = expectationFigures(w);
      out.push({
        id: findingId(kind, scope), kind, scope, asOf: d.asOf,
        severity: severityOf(Math.abs(w.effect) / 1.0),
        evidence: {
          metric: "log_actual_vs_forecast", value: w.effect, threshold: sign * t.demandMinEffect, weeks: [w.week],
          test: { method: w.against.kind === "baseline" ? "one-sided z on log1p residual vs baseline predictive SD" : "one-sided z on log1p residual vs baseline less expected post-promotion dip, predictive SD incl. the dip's", statistic: w.z, pValue: w.p, alpha, effect: w.effect, minEffect: t.demandMinEffect },
          figures: roundFigures({ actualUnits: w.actual, forecastUnits: w.forecast, forecastSd: w.sd, ratio: w.forecast > 0 ? w.actual / w.forecast : Infinity, ...expected.figures, ...signalFigures(d, s) }),
          notes: { expectation: w.against.kind },
        },
        summary: `${s.sku} in ${s.market} sold ${w.actual.toFixed(0)} units in week ${w.week} ${expected.words} (z = ${w.z.toFixed(1)}, p = ${w.p.toExponential(1)}).`,
      });
    }
  }
  return out;
}
