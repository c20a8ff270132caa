import { solveSpd } from "../../models/linalg.js";

/** One week of a SKU × market series: its index (weeks from the series start), units, and whether it is usable for a baseline. */
export interface BaselinePoint {
  t: number;
  units: number;
  /** False for promoted weeks and the week after a price cut (pull-forward dip). */
  clean: boolean;
}

/** A fitted baseline: log-scale regression on clean weeks, able to predict any week index. */
export interface BaselineFit {
  terms: ("level" | "trend" | "season")[];
  /** Residual standard deviation on log1p(units). */
  sigma: number;
  /** Clean weeks used after trimming outliers. */
  used: number;
  trimmed: number;
  /** Expected log1p(units) and its predictive standard deviation at week index t. */
  predict(t: number): { mean: number; sd: number };
}

const YEAR = 365.25 / 7;
const MIN_SIGMA = 0.03;

/** Writes week t's regressors into `out` from `at`: level, trend (per year, centred on `origin`) and two yearly harmonics. */
function regressors(
  out: Float64Array,
  at: number,
  t: number,
  origin: number,
  terms: BaselineFit["terms"],
): void {
  out[at] = 1;
  let k = at + 1;
  if (terms.includes("trend")) out[k++] = (t - origin) / YEAR;
  if (terms.includes("season")) {
    const a = (2 * Math.PI * t) / YEAR;
    out[k++] = Math.cos(a);
    out[k++] = Math.sin(a);
    out[k++] = Math.cos(2 * a);
    out[k++] = Math.sin(2 * a);
  }
}

const width = (terms: BaselineFit["terms"]) =>
  1 + (terms.includes("trend") ? 1 : 0) + (terms.includes("season") ? 4 : 0);

/** x · beta, summed in column order. */
function dot(x: Float64Array, at: number, beta: Float64Array, p: number): number {
  let m = 0;
  for (let k = 0; k < p; k++) m += x[at + k]! * beta[k]!;
  return m;
}

/**
 * Least squares on the rows `use` of the design matrix `x` (row-major, `p` columns) against `y`.
 * One flat matrix serves the fit, the residuals and the refit: a baseline is fitted per SKU and
 * market, and row arrays were a twentieth of a scope's allocations.
 */
function ols(
  x: Float64Array,
  y: Float64Array,
  p: number,
  use: readonly number[],
): { beta: Float64Array; xtxSolve: (x: Float64Array) => Float64Array; rss: number } {
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (const i of use) {
    const r = i * p;
    for (let a = 0; a < p; a++) {
      xty[a]! += x[r + a]! * y[i]!;
      for (let b = 0; b < p; b++) xtx[a * p + b]! += x[r + a]! * x[r + b]!;
    }
  }
  // A whisper of ridge keeps a short, collinear history solvable without moving a real fit.
  for (let a = 0; a < p; a++) xtx[a * p + a]! += 1e-8;
  const beta = solveSpd(xtx, xty, p);
  let rss = 0;
  for (const i of use) rss += (y[i]! - dot(x, i * p, beta, p)) ** 2;
  return { beta, xtxSolve: (x0) => solveSpd(xtx, x0, p), rss };
}

const medianOf = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? 0 : n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
};

/**
 * Fits the demand agent's baseline to the clean weeks of one series.
 *
 * Method: ordinary least squares on log1p(units) with a level, a linear trend (from 26 clean weeks)
 * and two yearly Fourier harmonics (when the clean weeks span ≥ 78 weeks, so that a fit holding
 * out its last weeks of a two-year history keeps the season). Weeks whose residual exceeds 3.5 robust SDs (1.4826 × MAD) are trimmed and the model
 * refitted once, so a stock-out or an unflagged event does not bend the baseline. The predictive
 * SD is the usual OLS one, σ·√(1 + x₀ᵀ(XᵀX)⁻¹x₀), which widens with extrapolation and short histories.
 * Returns undefined with fewer than 8 clean weeks.
 */
export function fitBaseline(points: readonly BaselinePoint[]): BaselineFit | undefined {
  const clean = points.filter((p) => p.clean);
  if (clean.length < 8) return undefined;
  const first = Math.min(...points.map((p) => p.t));
  const origin = Math.max(...clean.map((p) => p.t));
  const span = origin - first + 1;
  const terms: BaselineFit["terms"] = ["level"];
  if (clean.length >= 26) terms.push("trend");
  if (span >= 78 && clean.length >= 50) terms.push("season");

  const p = width(terms);
  const x = new Float64Array(clean.length * p);
  const y = new Float64Array(clean.length);
  clean.forEach((pt, i) => {
    regressors(x, i * p, pt.t, origin, terms);
    y[i] = Math.log1p(pt.units);
  });
  let use = clean.map((_, i) => i);
  let fit = ols(x, y, p, use);
  const resid = use.map((i) => y[i]! - dot(x, i * p, fit.beta, p));
  const robust = Math.max(MIN_SIGMA, 1.4826 * medianOf(resid.map(Math.abs)));
  const kept = use.filter((_, i) => Math.abs(resid[i]!) <= 3.5 * robust);
  const trimmed = use.length - kept.length;
  if (trimmed > 0 && kept.length >= 8) {
    use = kept;
    fit = ols(x, y, p, use);
  }
  const dof = Math.max(1, use.length - fit.beta.length);
  const sigma = Math.max(MIN_SIGMA, Math.sqrt(fit.rss / dof));
  const { beta, xtxSolve } = fit;
  return {
    terms,
    sigma,
    used: use.length,
    trimmed,
    predict(t) {
      const x0 = new Float64Array(p);
      regressors(x0, 0, t, origin, terms);
      const mean = dot(x0, 0, beta, p);
      const h = dot(xtxSolve(x0), 0, x0, p);
      return { mean, sd: sigma * Math.sqrt(1 + Math.max(0, h)) };
    },
  };
}

/** Units from a log1p-scale prediction: the lognormal mean and a delta-method SD. */
export function toUnits(p: { mean: number; sd: number }): { units: number; sd: number } {
  const level = Math.exp(p.mean + (p.sd * p.sd) / 2);
  return {
    units: Math.max(0, level - 1),
    sd: level * Math.sqrt(Math.max(0, Math.exp(p.sd * p.sd) - 1)),
  };
}
