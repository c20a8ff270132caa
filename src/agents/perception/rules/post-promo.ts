import type { SeriesBaseline } from "../../../tools/forecast/series-forecast.js";
import type { WeekRow } from "../../../tools/series.js";
import type { SeriesView } from "../data.js";

/** Under a 3 % cut a price is rounding, not a promotion (as the promotion agent's history reads it). */
const MIN_DEPTH = 0.03;
/** Post-promotion weeks needed, over a category, to estimate its dip. */
const MIN_WEEKS = 8;

/**
 * The post-promotion dip of a category, in the promotion model's form: the week after a cut of
 * depth d sells (1 − perDepth·d) of baseline. `perDepth` and its standard error are fitted on the
 * category's past post-promotion weeks against each series' baseline; `dispersion` is how much
 * wider those weeks scatter than clean ones (≥ 1), so the expectation carries its own interval.
 */
export interface PostPromoDip {
  perDepth: number;
  perDepthSd: number;
  dispersion: number;
  /** Post-promotion weeks the estimate rests on. */
  weeks: number;
  /** Typical cut depth, for a flagged cut whose price was not reported. */
  typicalDepth: number;
}

/** Depth of the price cut in a week's row (0 when none), from its revenue over units at the regular price. */
export function cutDepth(r: WeekRow | undefined): number {
  if (!r?.tpr) return 0;
  if (!r.regularPrice || r.units <= 0) return Number.NaN;
  const d = 1 - r.revenue / (r.units * r.regularPrice);
  return d >= MIN_DEPTH ? Math.min(0.9, d) : Number.NaN;
}

/** True when the week follows a price cut and carries no promotion itself. */
export function isPostPromo(rows: readonly (WeekRow | undefined)[], i: number): boolean {
  const r = rows[i];
  const promoted = !!r && (r.feature || r.display || r.tpr);
  return !promoted && !!rows[i - 1]?.tpr;
}

interface Obs {
  depth: number;
  resid: number;
  sd: number;
}

/** Past post-promotion weeks of one series up to `trainEnd`, with their log residual to the baseline. */
function observations(s: SeriesView, base: SeriesBaseline, trainEnd: number): Obs[] {
  const out: Obs[] = [];
  for (let i = 1; i <= trainEnd; i++) {
    if (!isPostPromo(s.grid.rows, i)) continue;
    const depth = cutDepth(s.grid.rows[i - 1]);
    if (!(depth > 0)) continue;
    const f = base.at(i);
    out.push({ depth, resid: Math.log1p(s.grid.points[i]!.units) - f.logMean, sd: f.logSd });
  }
  return out;
}

/**
 * Fits a category's dip by weighted least squares of log residual on log(1 − k·d) (a few
 * Gauss–Newton steps from the linear fit), each week weighted by its baseline's predictive
 * variance. Undefined with fewer than `MIN_WEEKS` weeks: no expectation is better than a guess.
 */
export function fitPostPromoDip(
  series: readonly { s: SeriesView; base: SeriesBaseline; trainEnd: number }[],
): PostPromoDip | undefined {
  const obs = series.flatMap((x) => observations(x.s, x.base, x.trainEnd));
  if (obs.length < MIN_WEEKS) return undefined;
  let sdd = 0;
  let sdr = 0;
  for (const o of obs) {
    sdd += (o.depth * o.depth) / o.sd ** 2;
    sdr += (o.depth * o.resid) / o.sd ** 2;
  }
  let k = clampK(-sdr / sdd);
  let info = sdd;
  for (let it = 0; it < 5; it++) {
    let num = 0;
    info = 0;
    for (const o of obs) {
      const m = 1 - k * o.depth;
      const g = -o.depth / m;
      num += (g * (o.resid - Math.log(m))) / o.sd ** 2;
      info += (g * g) / o.sd ** 2;
    }
    k = clampK(k + num / info);
  }
  let chi = 0;
  for (const o of obs) chi += ((o.resid - Math.log(1 - k * o.depth)) / o.sd) ** 2;
  const dispersion = Math.max(1, Math.sqrt(chi / Math.max(1, obs.length - 1)));
  const depths = obs.map((o) => o.depth).sort((a, b) => a - b);
  return {
    perDepth: k,
    perDepthSd: dispersion / Math.sqrt(info),
    dispersion,
    weeks: obs.length,
    typicalDepth: depths[Math.floor(depths.length / 2)]!,
  };
}

/** A dip takes at most 95 % of a week and never lifts it. */
const clampK = (k: number): number =>
  Number.isFinite(k) ? Math.min(0.95 / 0.9, Math.max(0, k)) : 0;

/** The expected log units of a post-promotion week and their SD: the baseline less the dip, both uncertain. */
export function expectedAfterCut(
  logMean: number,
  logSd: number,
  depth: number,
  dip: PostPromoDip,
): { logMean: number; logSd: number; dipShare: number } {
  const d = Number.isFinite(depth) && depth > 0 ? depth : dip.typicalDepth;
  const dipShare = Math.min(0.95, dip.perDepth * d);
  // d log(1 − k·d) / dk = −d / (1 − k·d): the dip's own uncertainty, added to the week's.
  const dipSd = (d * dip.perDepthSd) / (1 - dipShare);
  return {
    logMean: logMean + Math.log(1 - dipShare),
    logSd: Math.sqrt((dip.dispersion * logSd) ** 2 + dipSd ** 2),
    dipShare,
  };
}
