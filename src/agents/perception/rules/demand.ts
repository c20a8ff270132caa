import type { Finding } from "../../../domain/findings.js";
import { normalUpperTail } from "../../../tools/forecast/normal.js";
import type { SeriesBaseline } from "../../../tools/forecast/series-forecast.js";
import type { PerceptionData, SeriesView } from "../data.js";
import {
  cutDepth,
  expectedAfterCut,
  fitPostPromoDip,
  isPostPromo,
  type PostPromoDip,
} from "./post-promo.js";
import { fitSiblingEffect, SiblingPressure, siblingShare, type SiblingEffect } from "./siblings.js";
import { findingId, roundFigures, severityOf } from "../severity.js";
import type { PerceptionThresholds } from "../thresholds.js";

interface WeekTest {
  t: number;
  z: number;
  p: number;
  effect: number;
  actual: number;
  forecast: number;
  sd: number;
  week: string;
  /** What the week was measured against: the baseline, or the baseline less the expected post-promotion dip. */
  against: Expectation;
}

type Expectation = (
  | { kind: "baseline" }
  | { kind: "post_promotion_dip"; dipShare: number; depth: number; dip: PostPromoDip }
) & {
  baselineUnits: number;
  /** Share promoted subcategory siblings were expected to take that week (0 when none ran). */
  siblingShare: number;
  lower80: number;
  upper80: number;
};

const Z80 = 1.2816;

interface Fitted {
  s: SeriesView;
  base: SeriesBaseline;
  trainEnd: number;
}

/** Each series' baseline fitted without its last `recentWeeks` (undefined when too short). */
function fitted(series: readonly SeriesView[], t: PerceptionThresholds): Fitted[] {
  const out: Fitted[] = [];
  for (const s of series) {
    const trainEnd = s.grid.points.length - 1 - t.recentWeeks;
    const base = s.baselines.upTo(trainEnd);
    if (base) out.push({ s, base, trainEnd });
  }
  return out;
}

/** Each category's post-promotion dip and sibling effect, fitted on its series' weeks before the tested ones. */
function effectsByCategory(
  all: readonly Fitted[],
  pressure: SiblingPressure,
): Map<string, CategoryEffects> {
  const groups = new Map<string, Fitted[]>();
  for (const x of all) {
    const list = groups.get(x.s.category);
    if (list) list.push(x);
    else groups.set(x.s.category, [x]);
  }
  return new Map(
    [...groups].map(([c, xs]) => [
      c,
      { dip: fitPostPromoDip(xs), siblings: fitSiblingEffect(xs, pressure) },
    ]),
  );
}

/** What a category's weeks are measured against beyond the baseline: the dip after a cut, what promoted siblings take. */
interface CategoryEffects {
  dip: PostPromoDip | undefined;
  siblings: SiblingEffect | undefined;
}

/**
 * Tests each of the last `recentWeeks` weeks against a baseline fitted without them, less what
 * the promotion model expects the week to lose: the category's post-promotion dip after a price
 * cut, and, for a week that sold under it, the share promoted subcategory siblings take (each
 * with its own uncertainty). Promoted weeks are explained, not surprising.
 */
function recentTests(
  { s, base }: Fitted,
  fx: CategoryEffects,
  pressure: SiblingPressure,
  t: PerceptionThresholds,
): WeekTest[] {
  const n = s.grid.points.length;
  const out: WeekTest[] = [];
  for (let i = n - t.recentWeeks; i < n; i++) {
    const pt = s.grid.points[i];
    if (!pt) continue;
    const f = base.at(i);
    let mean = f.logMean;
    let sd = f.logSd;
    let dip:
      | { kind: "post_promotion_dip"; dipShare: number; depth: number; dip: PostPromoDip }
      | undefined;
    if (!pt.clean) {
      if (!fx.dip || !isPostPromo(s.grid.rows, i)) continue;
      const depth = cutDepth(s.grid.rows[i - 1]);
      const e = expectedAfterCut(f.logMean, f.logSd, depth, fx.dip);
      ({ logMean: mean, logSd: sd } = e);
      dip = {
        kind: "post_promotion_dip",
        dipShare: e.dipShare,
        depth: Number.isFinite(depth) ? depth : fx.dip.typicalDepth,
        dip: fx.dip,
      };
    }
    // What siblings take only ever explains a fall: an estimate this small and uncertain must not
    // turn an ordinary week into a spike.
    const sib =
      Math.log1p(pt.units) < mean
        ? siblingShare(pressure.at(s, base, i), fx.siblings)
        : siblingShare(0, undefined);
    mean += sib.logShift;
    sd = Math.sqrt(sd * sd + sib.logSd * sib.logSd);
    const bound = (z: number) => Math.max(0, Math.expm1(mean + z * sd));
    const against: Expectation = {
      ...(dip ?? { kind: "baseline" as const }),
      baselineUnits: f.units,
      siblingShare: sib.share,
      lower80: bound(-Z80),
      upper80: bound(Z80),
    };
    const effect = Math.log1p(pt.units) - mean;
    const z = effect / sd;
    const plain = !dip && sib.share === 0;
    const forecast = plain ? f.units : Math.expm1(mean + (sd * sd) / 2);
    out.push({
      t: i,
      z,
      p: normalUpperTail(Math.abs(z)),
      effect,
      actual: pt.units,
      forecast,
      sd: plain ? f.sd : forecast * Math.sqrt(Math.expm1(sd * sd)),
      week: f.week,
      against,
    });
  }
  return out;
}

/** The expectation's figures and the words that name it in a summary. */
function expectationFigures(w: WeekTest): { figures: Record<string, number>; words: string } {
  const a = w.against;
  const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
  const figures: Record<string, number> = {
    expectedLower80: a.lower80,
    expectedUpper80: a.upper80,
  };
  const less: string[] = [];
  if (a.kind === "post_promotion_dip") {
    Object.assign(figures, {
      baselineUnits: a.baselineUnits,
      priorCutDepth: a.depth,
      expectedDipShare: a.dipShare,
      dipPerDepth: a.dip.perDepth,
      dipPerDepthSd: a.dip.perDepthSd,
      dipWeeksFitted: a.dip.weeks,
    });
    less.push(`the category's usual post-promotion dip of ${pct(a.dipShare)}`);
  }
  if (a.siblingShare > 0) {
    Object.assign(figures, { baselineUnits: a.baselineUnits, siblingShare: a.siblingShare });
    less.push(`${pct(a.siblingShare)} taken by promoted siblings`);
  }
  const after =
    a.kind === "post_promotion_dip" ? `in the week after a ${pct(a.depth)} price cut, ` : "";
  if (less.length === 0)
    return { figures, words: `against a baseline of ${w.forecast.toFixed(0)}, with no promotion` };
  return {
    figures,
    words: `${after}against an expected ${w.forecast.toFixed(0)} (baseline ${a.baselineUnits.toFixed(0)} less ${less.join(" and ")}; 80 % interval ${a.lower80.toFixed(0)}–${a.upper80.toFixed(0)})`,
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
 * The move clears the minimum effect at the near edge of its 80 % interval (effect less 1.28 of
 * its log SD), not only at its point estimate: a week just past the line in a series whose
 * expectation is this uncertain may be noise that crossed it, which a planner would not chase.
 */
function surelyAtLeast(w: WeekTest, sign: 1 | -1, minEffect: number): boolean {
  const logSd = w.effect / w.z;
  return sign * w.effect - Z80 * logSd >= minEffect;
}

/**
 * Demand spike / dip: the standardised residual z = (log1p(actual) − μ) / σ_pred of a recent,
 * non-promoted week against what was expected for it (the baseline fitted on the weeks before;
 * after a price cut, that baseline less the category's expected dip, its uncertainty included), tested one-sided at
 * `demandAlpha` / (weeks tested), and the move must also be at least `demandMinEffect` on the log scale
 * at the near edge of its 80 % interval.
 * One finding per series and direction: its most significant week.
 */
export function demandSpikesAndDips(
  d: Pick<PerceptionData, "asOf" | "series" | "signals">,
  t: PerceptionThresholds,
): Finding[] {
  const out: Finding[] = [];
  const series = fitted(d.series, t);
  const pressure = new SiblingPressure(series);
  const effects = effectsByCategory(series, pressure);
  const none: CategoryEffects = { dip: undefined, siblings: undefined };
  const all = series.map((x) => ({
    s: x.s,
    tests: recentTests(x, effects.get(x.s.category) ?? none, pressure, t),
  }));
  // Bonferroni over every week tested in this run: many series are scanned, one false alarm per run is too many.
  const alpha =
    t.demandAlpha /
    Math.max(
      1,
      all.reduce((n, x) => n + x.tests.length, 0),
    );
  for (const { s, tests } of all) {
    for (const kind of ["demand_spike", "demand_dip"] as const) {
      const sign = kind === "demand_spike" ? 1 : -1;
      const hits = tests
        .filter((w) => sign * w.z > 0 && w.p < alpha && surelyAtLeast(w, sign, t.demandMinEffect))
        .sort((a, b) => a.p - b.p);
      const w = hits[0];
      if (!w) continue;
      const scope = { market: s.market, sku: s.sku, category: s.category };
      const expected = expectationFigures(w);
      out.push({
        id: findingId(kind, scope),
        kind,
        scope,
        asOf: d.asOf,
        severity: severityOf(Math.abs(w.effect) / 1.0),
        evidence: {
          metric: "log_actual_vs_forecast",
          value: w.effect,
          threshold: sign * t.demandMinEffect,
          weeks: [w.week],
          test: {
            method:
              w.against.kind === "baseline" && w.against.siblingShare === 0
                ? "one-sided z on log1p residual vs baseline predictive SD"
                : "one-sided z on log1p residual vs baseline less the expected promotion effects (post-promotion dip, siblings' promotions), predictive SD incl. theirs",
            statistic: w.z,
            pValue: w.p,
            alpha,
            effect: w.effect,
            minEffect: t.demandMinEffect,
          },
          figures: roundFigures({
            actualUnits: w.actual,
            forecastUnits: w.forecast,
            forecastSd: w.sd,
            ratio: w.forecast > 0 ? w.actual / w.forecast : Infinity,
            ...expected.figures,
            ...signalFigures(d, s),
          }),
          notes: { expectation: w.against.kind },
        },
        summary: `${s.sku} in ${s.market} sold ${w.actual.toFixed(0)} units in week ${w.week} ${expected.words} (z = ${w.z.toFixed(1)}, p = ${w.p.toExponential(1)}).`,
      });
    }
  }
  return out;
}
