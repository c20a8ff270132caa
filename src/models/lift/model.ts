import { logUnits, type Panel } from "../panel.js";
import type { Seasonality } from "../baseline/seasonality.js";
import type { DemandState } from "../baseline/demand-state.js";
import type { ResidualCalibration } from "../intervals.js";
import type { LiftConfig } from "./config.js";
import {
  MEMORY_FEATURES,
  N_FEATURES,
  buildFeatures,
  isPromoted,
  type PromoPressure,
  type RowPlan,
} from "./features.js";
import type { HierarchicalCoefficients, HierarchicalRidge } from "./hierarchical-ridge.js";
import type { PanelWalker } from "./walker.js";

/** Error ratio below which a signalled drift is over. */
const DRIFT_EXIT = 1.25;

/** Predictions for every row of one panel week, in the order of `panel.weekRows[week]`. */
export interface WeekPrediction {
  week: number;
  series: Int32Array;
  /** Baseline log units (no promotion) and predicted log units (median scale) per row. */
  baseLog: Float64Array;
  predLog: Float64Array;
  promoted: Uint8Array;
  /** Row-major features (rows × N_FEATURES), kept so the week can be learned from once actuals arrive. */
  features: Float64Array;
}

/** Baseline and predicted log units of one row. */
export interface RowLog {
  base: number;
  log: number;
}

/** One point of the coefficient trace kept while learning online. */
export interface DriftPoint {
  week: number;
  /** Global + mean category coefficient per feature name, and the L2 change since the last point. */
  coefficients: Float64Array;
  change: number;
  /** This week's squared log error relative to its running norm, and whether that signalled drift. */
  errorRatio: number;
  drifting: boolean;
}

/**
 * A fitted log-linear demand + lift model: log units = baseline log level + x · β(UPC), with β pooled
 * global → category → UPC. Holds the walker over its panel so it can predict the next week, absorb
 * actuals (state always) and learn coefficients online (decay + add + re-solve).
 */
export class LiftModel {
  private eff: Float64Array[] = [];
  readonly drift: DriftPoint[] = [];
  /** Running norm of weekly weighted squared log error, for drift detection. */
  private errorNorm = 0;
  private inDrift = false;
  /** Mean features of each UPC's promoted training rows (explanations quote effects in a typical context). */
  promoContext: Float64Array[] = [];

  constructor(
    readonly panel: Panel,
    readonly config: LiftConfig,
    readonly seasonality: Seasonality,
    readonly state: DemandState,
    readonly walker: PanelWalker,
    private readonly ridge: HierarchicalRidge,
    private coef: HierarchicalCoefficients,
    public calibration: ResidualCalibration | undefined,
  ) {
    this.setCoefficients(coef);
  }

  /** Current pooled coefficients (global, per category, per UPC deviation). */
  get coefficients(): HierarchicalCoefficients {
    return this.coef;
  }

  /** Replace the coefficients (after a fit or an online update). */
  setCoefficients(c: HierarchicalCoefficients): void {
    this.coef = c;
    this.eff = c.upc.map((dev, u) => {
      const cat = c.category[this.panel.upcCategory[u]!]!;
      return dev.map((d, i) => d + c.global[i]! + cat[i]!);
    });
  }

  /** Effective coefficient vector of a UPC index (global + category + UPC deviation). */
  upcCoefficients(upcIdx: number): Float64Array {
    return this.eff[upcIdx]!;
  }

  /** Predicted log units (median scale) for features x of a series of UPC index u. */
  predictLog(u: number, x: Float64Array, baseLog: number): number {
    const b = this.eff[u]!;
    let s = baseLog;
    for (let i = 0; i < N_FEATURES; i++) s += b[i]! * x[i]!;
    return s;
  }

  /** The part of a log prediction that comes from the promo-memory features. */
  memoryContribution(u: number, x: Float64Array): number {
    const b = this.eff[u]!;
    let m = 0;
    for (const i of MEMORY_FEATURES) m += b[i]! * x[i]!;
    return m;
  }

  /**
   * The one row predictor: features of series s in week t under `plan` into `x` (state holding
   * actuals through t − horizon), baseline and predicted log units (median scale) into `out`.
   * Backtests predict recorded plans with it, the promotion agent its scenarios' plans.
   */
  predictRow(
    s: number,
    t: number,
    horizon: number,
    plan: RowPlan,
    pressure: PromoPressure,
    lag: number,
    x: Float64Array,
    out: RowLog,
  ): RowLog {
    out.base = buildFeatures(this.state, s, t, horizon, plan, pressure, lag, x);
    out.log = this.predictLog(this.panel.series[s]!.upcIdx, x, out.base);
    return out;
  }

  /** Promotion bits of the absorbed history as seen from a later week t (bit k = week t − 1 − k). */
  historyLag(s: number, t: number): number {
    const shift = t - 1 - this.walker.stateWeek;
    return shift >= 8 ? 0 : (this.state.promoHistory[s]! << shift) & 0xff;
  }

  /** Row weight in the fit: larger series count more, because accuracy is judged on units. */
  rowWeight(baseLog: number): number {
    return Math.pow(Math.min(500, Math.exp(baseLog)), this.config.weightPower);
  }

  /** Predict every panel row of week t from actuals through t − horizon. */
  predictWeek(t: number): WeekPrediction {
    this.walker.advanceTo(t);
    const rows = this.panel.weekRows[t] ?? new Int32Array(0);
    const n = rows.length;
    const out: WeekPrediction = {
      week: t,
      series: rows,
      baseLog: new Float64Array(n),
      predLog: new Float64Array(n),
      promoted: new Uint8Array(n),
      features: new Float64Array(n * N_FEATURES),
    };
    const row: RowLog = { base: 0, log: 0 };
    for (let i = 0; i < n; i++) {
      const s = rows[i]!;
      const x = out.features.subarray(i * N_FEATURES, (i + 1) * N_FEATURES);
      const plan = this.walker.plan(s, t);
      const own = isPromoted(plan) ? 1 : 0;
      const pressure = this.walker.pressure(s, t, own);
      this.predictRow(
        s,
        t,
        this.config.horizon,
        plan,
        pressure,
        this.walker.promoLag(s, t),
        x,
        row,
      );
      out.baseLog[i] = row.base;
      const u = this.panel.series[s]!.upcIdx;
      out.predLog[i] = row.log;
      this.walker.noteExpected(s, t, row.log - this.memoryContribution(u, x), row.base);
      out.promoted[i] = own;
    }
    return out;
  }

  /** Absorb every actual through `week` into the demand state (e.g. before simulating the future). */
  absorbThrough(week: number): void {
    this.walker.advanceTo(Math.min(week, this.panel.nWeeks - 1) + this.config.horizon);
  }

  /**
   * Learn coefficients from a predicted week's actuals: forget a little, add the week, re-solve.
   * A week whose weighted squared log error jumps well above its running norm signals drift
   * (e.g. a changed elasticity); the model then forgets faster until errors settle.
   */
  learnWeek(pred: WeekPrediction): DriftPoint {
    const p = this.panel;
    let sse = 0;
    let wsum = 0;
    for (let i = 0; i < pred.series.length; i++) {
      const y = logUnits(p.units[pred.series[i]! * p.nWeeks + pred.week]!);
      const w = this.rowWeight(pred.baseLog[i]!);
      sse += w * (y - pred.predLog[i]!) ** 2;
      wsum += w;
    }
    const mse = wsum > 0 ? sse / wsum : 0;
    const ratio = this.errorNorm > 0 ? mse / this.errorNorm : 1;
    // Hysteresis: drift starts on a jump and lasts until errors are back near their norm.
    const drifting = this.inDrift ? ratio > DRIFT_EXIT : ratio > this.config.driftThreshold;
    this.inDrift = drifting;
    // The norm follows slowly and is capped, so a regime change cannot redefine "normal" at once.
    this.errorNorm =
      this.errorNorm > 0 ? 0.9 * this.errorNorm + 0.1 * Math.min(mse, 1.5 * this.errorNorm) : mse;
    this.ridge.decay(drifting ? this.config.driftForgetting : this.config.forgetting);
    for (let i = 0; i < pred.series.length; i++) {
      const s = pred.series[i]!;
      const y = logUnits(p.units[s * p.nWeeks + pred.week]!);
      const x = pred.features.subarray(i * N_FEATURES, (i + 1) * N_FEATURES);
      this.ridge.add(
        p.series[s]!.upcIdx,
        x,
        y - pred.baseLog[i]!,
        this.rowWeight(pred.baseLog[i]!),
      );
    }
    const before = this.summaryCoefficients();
    this.setCoefficients(this.ridge.solve(this.penalties()));
    const after = this.summaryCoefficients();
    let change = 0;
    after.forEach((v, i) => (change += (v - before[i]!) ** 2));
    const point: DriftPoint = {
      week: pred.week,
      coefficients: after,
      change: Math.sqrt(change),
      errorRatio: ratio,
      drifting,
    };
    this.drift.push(point);
    return point;
  }

  /** Penalties from the config, in rows. */
  penalties(): { global: number; category: number; upc: number } {
    return {
      global: this.config.ridgeGlobal,
      category: this.config.ridgeCategory,
      upc: this.config.ridgeUpc,
    };
  }

  /** Global coefficients plus the average category deviation: one number per feature. */
  summaryCoefficients(): Float64Array {
    const k = N_FEATURES;
    const out = Float64Array.from(this.coef.global);
    for (const c of this.coef.category)
      for (let i = 0; i < k; i++) out[i] = out[i]! + c[i]! / this.coef.category.length;
    return out;
  }
}
