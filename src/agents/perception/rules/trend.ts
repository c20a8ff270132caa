import type { Finding } from "../../../domain/findings.js";
import { normalUpperTail } from "../../../tools/forecast/normal.js";
import type { PerceptionData } from "../data.js";
import { findingId, roundFigures, severityOf } from "../severity.js";
import type { PerceptionThresholds } from "../thresholds.js";

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
};

const YEAR_WEEKS = 52;

/** The seasonally adjusted year-on-year shift and its standard error. */
export interface YearOnYear {
  shift: number;
  se: number;
}

/**
 * The window's change on the same weeks of last year, less the same change over the
 * `2 × window` weeks before it: a seasonally adjusted level shift that a smooth seasonal fit
 * cannot fake (a fit that extrapolates a season badly moves the baseline, not last year's weeks).
 * Clean weeks only, each of the four groups a mean of log1p(units); its SE is `sigma` (the
 * baseline's residual SD) times √Σ1/nᵢ. Undefined when the history is under
 * `3 × window + 52` weeks or a group has fewer than `minWeeks` clean weeks: the baseline test
 * then stands alone.
 */
export function yearOnYearShift(
  grid: PerceptionData["series"][number]["grid"],
  start: number,
  minWeeks: number,
  sigma: number,
): YearOnYear | undefined {
  const n = grid.points.length;
  const window = n - start;
  if (start - 2 * window - YEAR_WEEKS < 0) return undefined;
  const group = (from: number, to: number): number[] => {
    const out: number[] = [];
    for (let i = from; i < to; i++) {
      const pt = grid.points[i];
      if (pt?.clean) out.push(Math.log1p(pt.units));
    }
    return out;
  };
  const groups = [
    group(start, n),
    group(start - YEAR_WEEKS, n - YEAR_WEEKS),
    group(start - 2 * window, start),
    group(start - 2 * window - YEAR_WEEKS, start - YEAR_WEEKS),
  ];
  if (groups.some((g) => g.length < minWeeks)) return undefined;
  const [now, ago, before, beforeAgo] = groups.map(
    (g) => g.reduce((x, y) => x + y, 0) / g.length,
  ) as [number, number, number, number];
  const se = sigma * Math.sqrt(groups.reduce((x, g) => x + 1 / g.length, 0));
  return { shift: now - ago - (before - beforeAgo), se };
}

/**
 * √((1 + ρ) / (1 − ρ)) for the lag-1 autocorrelation ρ of the baseline's residuals on the clean
 * weeks before `end` (ρ clipped to [0, 0.9]): a level that wanders week to week makes a mean of
 * weeks less certain than independent noise would, and a year-on-year gap is two such means.
 */
export function autocorrelationInflation(
  grid: PerceptionData["series"][number]["grid"],
  base: { at(t: number): { logMean: number } },
  end: number,
): number {
  let num = 0;
  let den = 0;
  let prev: number | undefined;
  for (let i = 0; i < end; i++) {
    const pt = grid.points[i];
    const r = pt?.clean ? Math.log1p(pt.units) - base.at(i).logMean : undefined;
    if (r !== undefined) den += r * r;
    if (r !== undefined && prev !== undefined) num += r * prev;
    prev = r;
  }
  const rho = den > 0 ? Math.min(0.9, Math.max(0, num / den)) : 0;
  return Math.sqrt((1 + rho) / (1 - rho));
}

/** The year-on-year shift has the baseline shift's sign, its minimum size and two-sided p under alpha. */
function yearOnYearAgrees(
  yoy: YearOnYear,
  shift: number,
  alpha: number,
  minShift: number,
): boolean {
  const p = Math.min(1, 2 * normalUpperTail(Math.abs(yoy.shift) / yoy.se));
  return Math.sign(yoy.shift) === Math.sign(shift) && Math.abs(yoy.shift) >= minShift && p < alpha;
}

/**
 * Trend shift: the baseline fitted before the last `trendWindowWeeks` is projected over them and
 * the mean log residual of their clean weeks is tested two-sided (Bonferroni over series). Its variance is σ²/n plus the
 * forecast's parameter variance (counted in full, as it is shared by every week — conservative).
 * The median residual must shift too, so one viral week is a spike, not a new level. Where the
 * history allows, the seasonally adjusted year-on-year shift must agree in sign, reach
 * `trendMinShift` and pass the same two-sided test: a level change shows against last year's
 * same weeks, a badly extrapolated season does not.
 */
export function trendShifts(
  d: Pick<PerceptionData, "asOf" | "series">,
  t: PerceptionThresholds,
): Finding[] {
  const out: Finding[] = [];
  const candidates: {
    s: PerceptionData["series"][number];
    yoy: YearOnYear | undefined;
    shift: number;
    mid: number;
    z: number;
    p: number;
    n: number;
    sigma: number;
    start: number;
  }[] = [];
  for (const s of d.series) {
    const n = s.grid.points.length;
    const start = n - t.trendWindowWeeks;
    const base = start > 26 ? s.baselines.upTo(start - 1) : undefined;
    if (!base) continue;
    const resid: number[] = [];
    let paramVar = 0;
    for (let i = start; i < n; i++) {
      const pt = s.grid.points[i];
      if (!pt?.clean) continue;
      const f = base.at(i);
      resid.push(Math.log1p(pt.units) - f.logMean);
      paramVar += Math.max(0, f.logSd ** 2 - base.fit.sigma ** 2);
    }
    if (resid.length < t.trendMinWeeks) continue;
    const shift = resid.reduce((a, b) => a + b, 0) / resid.length;
    const mid = median(resid);
    const se = Math.sqrt(base.fit.sigma ** 2 / resid.length + paramVar / resid.length);
    const z = shift / se;
    const p = Math.min(1, 2 * normalUpperTail(Math.abs(z)));
    candidates.push({
      s,
      yoy: yearOnYearShift(
        s.grid,
        start,
        t.trendMinWeeks,
        base.fit.sigma * autocorrelationInflation(s.grid, base, start),
      ),
      shift,
      mid,
      z,
      p,
      n: resid.length,
      sigma: base.fit.sigma,
      start,
    });
  }
  // Bonferroni over the series tested in this run.
  const alpha = t.trendAlpha / Math.max(1, candidates.length);
  for (const { s, yoy, shift, mid, z, p, n: cleanWeeks, sigma, start } of candidates) {
    if (
      p >= alpha ||
      Math.abs(shift) < t.trendMinShift ||
      Math.abs(mid) < t.trendMinShift ||
      Math.sign(mid) !== Math.sign(shift)
    )
      continue;
    if (yoy && !yearOnYearAgrees(yoy, shift, alpha, t.trendMinShift)) continue;
    const scope = { market: s.market, sku: s.sku, category: s.category };
    const weeks = s.grid.weeks.slice(start);
    out.push({
      id: findingId("trend_shift", scope),
      kind: "trend_shift",
      scope,
      asOf: d.asOf,
      severity: severityOf(Math.abs(shift) / 0.5),
      evidence: {
        metric: "mean_log_shift_vs_prior_baseline",
        value: shift,
        threshold: Math.sign(shift) * t.trendMinShift,
        weeks,
        test: {
          method: "two-sided z on mean log1p residual over the window",
          statistic: z,
          pValue: p,
          alpha,
          effect: shift,
          minEffect: t.trendMinShift,
        },
        figures: roundFigures({
          medianShift: mid,
          ...(yoy
            ? { seasonallyAdjustedYoyShift: yoy.shift, seasonallyAdjustedYoySe: yoy.se }
            : {}),
          cleanWeeks,
          levelRatio: Math.exp(shift),
          residualSd: sigma,
        }),
        notes: { direction: shift > 0 ? "up" : "down" },
      },
      summary: `${s.sku} in ${s.market} has run ${(Math.abs(Math.exp(shift) - 1) * 100).toFixed(0)} % ${shift > 0 ? "above" : "below"} its prior baseline over the last ${t.trendWindowWeeks} weeks (z = ${z.toFixed(1)}).`,
    });
  }
  return out;
}
