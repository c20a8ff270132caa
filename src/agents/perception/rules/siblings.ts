import type { SeriesBaseline } from "../../../tools/forecast/series-forecast.js";
import type { SeriesView } from "../data.js";

/** Weeks with a promoted sibling needed, over a category, to estimate what siblings take. */
const MIN_WEEKS = 8;
/** Siblings never take more than this share of a week (the promotion model caps it too). */
const MAX_SHARE = 0.6;

interface Fitted {
  s: SeriesView;
  base: SeriesBaseline;
  trainEnd: number;
}

/**
 * What promoted siblings take from a SKU, in the promotion model's form: a week sells
 * (1 − perLift·p) of baseline, p the relative extra units its promoted subcategory siblings sold
 * in the same market that week. Fitted per category like the post-promotion dip.
 */
export interface SiblingEffect {
  perLift: number;
  perLiftSd: number;
  dispersion: number;
  weeks: number;
}

const promoted = (s: SeriesView, i: number): boolean => {
  const r = s.grid.rows[i];
  return !!r && (r.feature || r.display || r.tpr);
};

/** Relative extra units each market × subcategory's promoted SKUs sold, per week: what their siblings lose a share of. */
export class SiblingPressure {
  private readonly total = new Map<string, number>();

  constructor(all: readonly Fitted[]) {
    for (const { s, base } of all) {
      s.grid.weeks.forEach((week, i) => {
        const lift = this.liftOf(s, base, i);
        if (lift > 0)
          this.total.set(this.key(s, week), (this.total.get(this.key(s, week)) ?? 0) + lift);
      });
    }
  }

  /** The pressure on `s` in its week `i`: its siblings' lifts, not its own. */
  at(s: SeriesView, base: SeriesBaseline, i: number): number {
    const week = s.grid.weeks[i];
    if (week === undefined) return 0;
    return Math.max(0, (this.total.get(this.key(s, week)) ?? 0) - this.liftOf(s, base, i));
  }

  private liftOf(s: SeriesView, base: SeriesBaseline, i: number): number {
    if (!promoted(s, i)) return 0;
    const expected = base.at(i).units;
    return expected > 0 ? Math.max(0, s.grid.points[i]!.units / expected - 1) : 0;
  }

  private key(s: SeriesView, week: string): string {
    return `${s.market}|${s.category}|${s.subcategory}|${week}`;
  }
}

/**
 * Fits a category's sibling effect by weighted least squares of the clean weeks' log residual on
 * −perLift·p (weights: the baseline's predictive variance). Undefined with too few such weeks.
 */
export function fitSiblingEffect(
  series: readonly Fitted[],
  pressure: SiblingPressure,
): SiblingEffect | undefined {
  const obs: { p: number; r: number; sd: number }[] = [];
  for (const { s, base, trainEnd } of series) {
    for (let i = 0; i <= trainEnd; i++) {
      if (!s.grid.points[i]?.clean) continue;
      const p = pressure.at(s, base, i);
      if (p <= 0) continue;
      const f = base.at(i);
      obs.push({ p, r: Math.log1p(s.grid.points[i]!.units) - f.logMean, sd: f.logSd });
    }
  }
  if (obs.length < MIN_WEEKS) return undefined;
  let spp = 0;
  let spr = 0;
  for (const o of obs) {
    spp += (o.p * o.p) / o.sd ** 2;
    spr += (o.p * o.r) / o.sd ** 2;
  }
  const perLift = Math.max(0, -spr / spp);
  let chi = 0;
  for (const o of obs) chi += ((o.r + perLift * o.p) / o.sd) ** 2;
  const dispersion = Math.max(1, Math.sqrt(chi / Math.max(1, obs.length - 1)));
  return { perLift, perLiftSd: dispersion / Math.sqrt(spp), dispersion, weeks: obs.length };
}

/** How much promoted siblings are expected to take from a week: its log shift (≤ 0), the share it is, and the SD it adds. */
export function siblingShare(
  p: number,
  effect: SiblingEffect | undefined,
): { logShift: number; share: number; logSd: number } {
  if (!effect || p <= 0) return { logShift: 0, share: 0, logSd: 0 };
  const logShift = -Math.min(effect.perLift * p, -Math.log(1 - MAX_SHARE));
  return { logShift, share: 1 - Math.exp(logShift), logSd: p * effect.perLiftSd };
}
