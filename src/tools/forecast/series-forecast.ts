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

/** Fits per grid, kept as long as the grid is: a grid is never changed once built, and cached series outlive one run. */
const fitted = new WeakMap<WeeklyGrid, Map<number, SeriesBaseline | undefined>>();

/** Fits the baseline on a series' weeks 0..trainEnd; undefined when too few clean weeks. */
export function baselineOf(
  grid: WeeklyGrid,
  trainEnd: number = grid.points.length - 1,
): SeriesBaseline | undefined {
  let byEnd = fitted.get(grid);
  if (!byEnd) fitted.set(grid, (byEnd = new Map()));
  if (!byEnd.has(trainEnd)) byEnd.set(trainEnd, fitBaselineOf(grid, trainEnd));
  return byEnd.get(trainEnd);
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
