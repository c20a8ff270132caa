import type { SettledOutcome } from "../../monitoring/accuracy.js";
import {
  DEFAULT_MEAN_SHIFT,
  latestMeanShift,
  type MeanShiftOptions,
} from "../../models/online/mean-shift.js";
import { Z80 } from "../../monitoring/stats.js";

/** How settled campaigns correct the lift model's forecasts. */
export interface RecalibrationOptions {
  /** Campaigns' worth of belief in the level above (mechanic overall, then the model as is). */
  priorCampaigns: number;
  /** Weeks after which a settled campaign counts half: the market may have changed since. */
  halfLifeWeeks: number;
  /** Bounds of the correction factor on incremental units. */
  minFactor: number;
  maxFactor: number;
  /** Half-life of campaigns settled before a detected break: the market they measured is gone. */
  breakHalfLifeWeeks: number;
  /** The break test on settled campaigns' log(actual ÷ forecast units), in settlement order. */
  breaks: MeanShiftOptions;
  /**
   * Relative SD of a campaign that counts as one campaign's worth: one measured less precisely
   * (its settlement interval's SD over its forecast margin) counts (this ÷ its SD)², at most 1.
   */
  referenceSd: number;
}

/**
 * Three campaigns of prior, a four-week half-life (one week for campaigns before a break), a
 * factor between 0 and 2, a campaign measured to ± half its forecast (one SD) counted whole.
 * The break test reads the units ratio, not the margin: a settled margin is too noisy a
 * campaign (± its own size) to find a break in a few weeks; units move ±10–20 %.
 */
export const DEFAULT_RECALIBRATION: RecalibrationOptions = {
  priorCampaigns: 3,
  halfLifeWeeks: 4,
  minFactor: 0,
  maxFactor: 2,
  breakHalfLifeWeeks: 1,
  breaks: DEFAULT_MEAN_SHIFT,
  referenceSd: 0.5,
};

/** A correction of the forecast incremental units of one mechanic in one category. */
export interface LiftCorrection {
  /** Multiplies the forecast incremental units (1 = the model as is): measured / forecast margin. */
  factor: number;
  /** Log-lift variance added to the interval: a model found wrong here is trusted less. */
  extraVariance: number;
  /** Settled campaigns behind it (decayed weights). */
  campaigns: number;
}

const NONE: LiftCorrection = { factor: 1, extraVariance: 0, campaigns: 0 };
const WEEK_MS = 7 * 86_400_000;

interface Sums {
  /** Incremental margin, measured and forecast (decayed weights). */
  measured: number;
  forecast: number;
  weight: number;
}

/**
 * Corrections from the causal record: measured (holdout) against forecast incremental margin by
 * mechanic, per category shrunk toward the mechanic's over every category, itself shrunk toward
 * 1 (the model as is); recent campaigns count more, so a changed market is followed. The margin,
 * not the units, is compared: it is the objective, and it carries what the model cannot see in
 * units (an ad that cost more than its rate card or got no slot, a post-promotion dip or a
 * cannibalisation the model puts where the market has none). The factor scales the incremental
 * units, the one thing the plan's arithmetic lets it scale; it moves forecasts up as readily as
 * down. Its extra variance is what is still unknown of the correction: large for a factor far
 * from 1 seen on few campaigns, fading as campaigns confirm it, so a bias the record measured and
 * corrected no longer widens the intervals (it kept the agent from acting on corrected forecasts).
 */
export class LiftRecalibration {
  private readonly byCell = new Map<string, Sums>();
  private readonly byMechanic = new Map<string, Sums>();
  /** When the latest detected break began (settlement time, ms), if any. */
  readonly breakAt: number | undefined;

  constructor(
    outcomes: readonly SettledOutcome[],
    private readonly opts: RecalibrationOptions = DEFAULT_RECALIBRATION,
  ) {
    const holdouts = outcomes.filter(
      (o) => o.method === "holdout" && o.forecastIncrementalMargin > 0,
    );
    const newest = holdouts.reduce((a, o) => Math.max(a, Date.parse(o.settledAt)), 0);
    this.breakAt = latestBreak(holdouts, opts.breaks);
    for (const o of holdouts) {
      const at = Date.parse(o.settledAt);
      const age = (newest - at) / WEEK_MS;
      const before = this.breakAt !== undefined && at < this.breakAt;
      const decay = 0.5 ** (age / (before ? opts.breakHalfLifeWeeks : opts.halfLifeWeeks));
      const w = decay * precisionWeight(o, opts.referenceSd);
      add(this.byCell, `${o.promotionType}|${o.category}`, o, w);
      add(this.byMechanic, o.promotionType, o, w);
    }
  }

  /** The correction for a mechanic in a category (no correction without settled campaigns). */
  correction(mechanic: string, category: string): LiftCorrection {
    const m = this.byMechanic.get(mechanic);
    if (!m) return NONE;
    const top = this.shrink(m, 1);
    const c = this.byCell.get(`${mechanic}|${category}`);
    const factor = c ? this.shrink(c, top) : top;
    const n = c?.weight ?? 0;
    const n0 = this.opts.priorCampaigns;
    const l = Math.log(Math.max(0.05, factor));
    return { factor, extraVariance: (0.5 * l * l * n0) / (n0 + n), campaigns: n };
  }

  private shrink(s: Sums, prior: number): number {
    const { priorCampaigns: n0, minFactor, maxFactor } = this.opts;
    const mean = s.forecast / Math.max(1e-9, s.weight);
    const k = (s.measured + n0 * mean * prior) / (s.forecast + n0 * mean);
    return Number.isFinite(k) ? Math.min(maxFactor, Math.max(minFactor, k)) : prior;
  }
}

/**
 * Settlement time of the latest break in the market's response (a mean-shift test on log(actual ÷
 * forecast units) over every settled campaign in time order): a regime change moves every
 * mechanic's units together, so the whole record is one series.
 */
function latestBreak(outcomes: readonly SettledOutcome[], o: MeanShiftOptions): number | undefined {
  const rows = outcomes
    .filter((x) => x.forecastUnits > 0 && x.actualUnits > 0)
    .sort((a, b) => Date.parse(a.settledAt) - Date.parse(b.settledAt));
  const b = latestMeanShift(
    rows.map((x) => Math.log(x.actualUnits / x.forecastUnits)),
    o,
  );
  return b === undefined ? undefined : Date.parse(rows[b]!.settledAt);
}

/**
 * A settled campaign's worth as evidence: 1 when its settlement interval is at most
 * `referenceSd` of its forecast margin wide (one SD), less as it widens. A holdout of one or two
 * stores can put a campaign's measured margin its own size either side of the truth; counted as
 * a full campaign it pulled a whole category's factor to 0 or 2 after a couple of campaigns (in
 * `base`, where the model is right, recalibration cost 0.1–0.7 points in round 4's diagnosis).
 */
function precisionWeight(o: SettledOutcome, referenceSd: number): number {
  const { measuredLow: lo, measuredHigh: hi } = o;
  if (lo === undefined || hi === undefined || !(hi > lo)) return 1;
  const sd = (hi - lo) / (2 * Z80) / Math.abs(o.forecastIncrementalMargin);
  return Number.isFinite(sd) && sd > referenceSd ? (referenceSd / sd) ** 2 : 1;
}

function add(map: Map<string, Sums>, key: string, o: SettledOutcome, w: number): void {
  const s = map.get(key) ?? { measured: 0, forecast: 0, weight: 0 };
  s.measured += w * o.measuredIncrementalMargin;
  s.forecast += w * o.forecastIncrementalMargin;
  s.weight += w;
  map.set(key, s);
}
