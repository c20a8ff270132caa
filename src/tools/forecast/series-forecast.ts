import { shiftDate } from "../define.js";
import type { WeeklyGrid } from "../series.js";
import { fitBaseline, toUnits, type BaselineFit } from "./fit.js";

/** One forecast week: expected units with its predictive SD, on the unit and the log1p scale. */
export interface ForecastWeek {
  week: string;
  units: number;
  sd: number;
  /** 80 % prediction interval in units. */
  lower80: number;
  upper80: number;
  logMean: number;
  logSd: number;
}

const Z80 = 1.2816;

/** A baseline fitted on a grid's clean weeks up to index `trainEnd` (inclusive). */
export interface SeriesBaseline {
  fit: BaselineFit;
  /** Forecast for grid index t (t may run past the grid's end); the same object for the same t, not to be changed. */
  at(t: number): ForecastWeek;
}

/** Fits the baseline on a series' weeks 0..trainEnd; undefined when too few clean weeks. */
export function baselineOf(
  grid: WeeklyGrid,
  trainEnd: number = grid.points.length - 1,
): SeriesBaseline | undefined {
  return fitBaselineOf(grid, trainEnd);
}

/**
 * A series' baselines by last training week, each fitted once (a linear solve): perception asks
 * the same fit on every scope of a category. A grid is never changed once built, so an instance
 * lives as long as the series it belongs to (a store-cached series outlives one run).
 */
export class GridBaselines {
  private readonly fits = new Map<number, SeriesBaseline | undefined>();

  constructor(readonly grid: WeeklyGrid) {}

  /** The baseline fitted on weeks 0..trainEnd (the whole grid by default). */
  upTo(trainEnd: number = this.grid.points.length - 1): SeriesBaseline | undefined {
    if (!this.fits.has(trainEnd)) this.fits.set(trainEnd, fitBaselineOf(this.grid, trainEnd));
    return this.fits.get(trainEnd);
  }
}

function fitBaselineOf(grid: WeeklyGrid, trainEnd: number): SeriesBaseline | undefined {
  const fit = fitBaseline(grid.points.slice(0, trainEnd + 1));
  if (!fit) return undefined;
  const lastWeek = grid.weeks[grid.weeks.length - 1] ?? "";
  const lastIndex = grid.weeks.length - 1;
  // Perception's rules ask the same fit for the same weeks on every scope of the category (a
  // linear solve each): each week is computed once and the same object handed out, read-only.
  const weeks = new Map<number, ForecastWeek>();
  return {
    fit,
    at(t) {
      const known = weeks.get(t);
      if (known) return known;
      const p = fit.predict(t);
      const u = toUnits(p);
      const week: ForecastWeek = {
        week: grid.weeks[t] ?? shiftDate(lastWeek, 7 * (t - lastIndex)),
        units: u.units,
        sd: u.sd,
        lower80: Math.max(0, Math.expm1(p.mean - Z80 * p.sd)),
        upper80: Math.expm1(p.mean + Z80 * p.sd),
        logMean: p.mean,
        logSd: p.sd,
      };
      weeks.set(t, week);
      return week;
    },
  };
}
