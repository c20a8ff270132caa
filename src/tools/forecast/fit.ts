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

/** The regressors for week t: level, trend (per year, centred on `origin`) and two yearly harmonics. */
function row(t: number, origin: number, terms: BaselineFit["terms"]): number[] {
  const x = [1];
  if (terms.includes("trend")) x.push((t - origin) / YEAR);
  if (terms.includes("season")) {
    const a = (2 * Math.PI * t) / YEAR;
    x.push(Math.cos(a), Math.sin(a), Math.cos(2 * a), Math.sin(2 * a));
  }
  return x;
}

function ols(xs: number[][], ys: number[]): { beta: Float64Array; xtxSolve: (x: number[]) => Float64Array; rss: number } {
  const p = xs[0]?.length ?? 1;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  xs.forEach((x, i) => {
    for (let a = 0; a < p; a++) {
      xty[a]! += x[a]! * ys[i]!;
      for (let b = 0; b < p; b++) xtx[a * p + b]! += x[a]! * x[b]!;
    }
  });
  // A whisper of ridge keeps a short, collinear history solvable without moving a real fit.
  for (let a = 0; a < p; a++) xtx[a * p + a]! += 1e-8;
  const beta = solveSpd(xtx, xty, p);
  const rss = xs.reduce((s, x, i) => s + (ys[i]! - x.reduce((m, v, k) => m + v * beta[k]!, 0)) ** 2, 0);
  return { beta, xtxSolve: (x) => solveSpd(xtx, Float64Array.from(x), p), rss };
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

  let use = clean;
  let fit = ols(use.map((p) => row(p.t, origin, terms)), use.map((p) => Math.log1p(p.units)));
  const resid = use.map((p) => Math.log1p(p.units) - row(p.t, origin, terms).reduce((m, v, k) => m + v * fit.beta[k]!, 0));
  const robust = Math.max(MIN_SIGMA, 1.4826 * medianOf(resid.map(Math.abs)));
  const kept = use.filter((_, i) => Math.abs(resid[i]!) <= 3.5 * robust);
  const trimmed = use.length - kept.length;
  if (trimmed > 0 && kept.length >= 8) {
    use = kept;
    fit = ols(use.map((p) => row(p.t, origin, terms)), use.map((p) => Math.log1p(p.units)));
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
      const x = row(t, origin, terms);
      const mean = x.reduce((m, v, k) => m + v * beta[k]!, 0);
      const h = xtxSolve(x).reduce((m, v, k) => m + v * x[k]!, 0);
      return { mean, sd: sigma * Math.sqrt(1 + Math.max(0, h)) };
    },
  };
}

/** Units from a log1p-scale prediction: the lognormal mean and a delta-method SD. */
export function toUnits(p: { mean: number; sd: number }): { units: number; sd: number } {
  const level = Math.exp(p.mean + (p.sd * p.sd) / 2);
  return { units: Math.max(0, level - 1), sd: level * Math.sqrt(Math.max(0, Math.exp(p.sd * p.sd) - 1)) };
}
