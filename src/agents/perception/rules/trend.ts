import type { Finding } from "../../../domain/findings.js";
import { baselineOf } from "../../../tools/forecast/series-forecast.js";
import { normalUpperTail } from "../../../tools/forecast/normal.js";
import type { PerceptionData } from "../data.js";
import { findingId, roundFigures, severityOf } from "../severity.js";
import type { PerceptionThresholds } from "../thresholds.js";

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
};

/**
 * Trend shift: the baseline fitted before the last `trendWindowWeeks` is projected over them and
 * the mean log residual of their clean weeks is tested two-sided (Bonferroni over series). Its variance is σ²/n plus the
 * forecast's parameter variance (counted in full, as it is shared by every week — conservative).
 * The median residual must shift too, so one viral week is a spike, not a new level.
 */
export function trendShifts(d: Pick<PerceptionData, "asOf" | "series">, t: PerceptionThresholds): Finding[] {
  const out: Finding[] = [];
  const candidates: { s: PerceptionData["series"][number]; shift: number; mid: number; z: number; p: number; n: number; sigma: number; start: number }[] = [];
  for (const s of d.series) {
    const n = s.grid.points.length;
    const start = n - t.trendWindowWeeks;
    const base = start > 26 ? baselineOf(s.grid, start - 1) : undefined;
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
    candidates.push({ s, shift, mid, z, p, n: resid.length, sigma: base.fit.sigma, start });
  }
  // Bonferroni over the series tested in this run.
  const alpha = t.trendAlpha / Math.max(1, candidates.length);
  for (const { s, shift, mid, z, p, n: cleanWeeks, sigma, start } of candidates) {
    if (p >= alpha || Math.abs(shift) < t.trendMinShift || Math.abs(mid) < t.trendMinShift || Math.sign(mid) !== Math.sign(shift)) continue;
    const scope = { market: s.market, sku: s.sku, category: s.category };
    const weeks = s.grid.weeks.slice(start);
    out.push({
      id: findingId("trend_shift", scope), kind: "trend_shift", scope, asOf: d.asOf,
      severity: severityOf(Math.abs(shift) / 0.5),
      evidence: {
        metric: "mean_log_shift_vs_prior_baseline", value: shift, threshold: Math.sign(shift) * t.trendMinShift, weeks,
        test: { method: "two-sided z on mean log1p residual over the window", statistic: z, pValue: p, alpha, effect: shift, minEffect: t.trendMinShift },
        figures: roundFigures({ medianShift: mid, cleanWeeks, levelRatio: Math.exp(shift), residualSd: sigma }),
        notes: { direction: shift > 0 ? "up" : "down" },
      },
      summary: `${s.sku} in ${s.market} has run ${(Math.abs(Math.exp(shift) - 1) * 100).toFixed(0)} % ${shift > 0 ? "above" : "below"} its prior baseline over the last ${t.trendWindowWeeks} weeks (z = ${z.toFixed(1)}).`,
    });
  }
  return out;
}
