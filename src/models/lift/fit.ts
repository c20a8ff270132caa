import { DemandState } from "../baseline/demand-state.js";
import { estimateSeasonality, type Seasonality } from "../baseline/seasonality.js";
import { ModelError } from "../errors.js";
import { ResidualCalibration } from "../intervals.js";
import { logUnits, type Panel } from "../panel.js";
import { liftConfigSchema, type LiftConfig, type LiftConfigInput } from "./config.js";
import { N_FEATURES, UPC_FEATURES, isPromoted } from "./features.js";
import { HierarchicalRidge, type HierarchicalCoefficients } from "./hierarchical-ridge.js";
import { LiftModel } from "./model.js";
import { PanelWalker } from "./walker.js";

/** Options of a full fit. */
export interface FitOptions {
  /** Weeks at the end of the training period held out to calibrate intervals (0 = no calibration). */
  calibrationWeeks?: number;
}

function zeroCoefficients(panel: Panel): HierarchicalCoefficients {
  const zero = (): Float64Array => new Float64Array(N_FEATURES);
  return { global: zero(), category: panel.categories.map(zero), upc: panel.upcs.map(zero) };
}

/**
 * One pass over weeks 0..trainEndWeek building features exactly as they would be built live.
 * `prior` supplies the coefficients whose misses feed the promo memories (none on the first pass).
 */
function pass(
  panel: Panel,
  trainEndWeek: number,
  cfg: LiftConfig,
  season: Seasonality,
  prior: HierarchicalCoefficients,
): LiftModel {
  const state = new DemandState(panel, season, cfg);
  const walker = new PanelWalker(panel, state, cfg.horizon);
  const ridge = new HierarchicalRidge({
    nFeatures: N_FEATURES,
    upcFeatures: UPC_FEATURES,
    upcCategory: panel.upcCategory,
    nCategories: panel.categories.length,
  });
  const model = new LiftModel(panel, cfg, season, state, walker, ridge, prior, undefined);
  const x = new Float64Array(N_FEATURES);
  const ctx = panel.upcs.map(() => new Float64Array(N_FEATURES));
  const ctxN = new Float64Array(panel.upcs.length);
  for (let t = 0; t <= trainEndWeek; t++) {
    walker.advanceTo(t);
    for (const s of panel.weekRows[t] ?? []) {
      const base = walker.rowFeatures(s, t, x);
      const u = panel.series[s]!.upcIdx;
      walker.noteExpected(
        s,
        t,
        model.predictLog(u, x, base) - model.memoryContribution(u, x),
        base,
      );
      if (t < cfg.warmupWeeks) continue;
      if (isPromoted(walker.plan(s, t))) {
        ctx[u]!.forEach((v, i, a) => (a[i] = v + x[i]!));
        ctxN[u] = ctxN[u]! + 1;
      }
      ridge.add(u, x, logUnits(panel.units[s * panel.nWeeks + t]!) - base, model.rowWeight(base));
    }
  }
  model.setCoefficients(ridge.solve(model.penalties()));
  model.promoContext = ctx.map((c, u) => c.map((v) => v / Math.max(1, ctxN[u]!)));
  return model;
}

/**
 * Fit on panel weeks 0..trainEndWeek. Two passes: the first learns pooled coefficients with empty
 * promo memories; the second replays the weeks letting memories learn from the first pass's misses.
 */
export function fitLiftModelCore(
  panel: Panel,
  trainEndWeek: number,
  configInput: LiftConfigInput = {},
): LiftModel {
  const cfg = liftConfigSchema.parse(configInput);
  if (trainEndWeek < cfg.warmupWeeks + 4) {
    throw new ModelError(
      "INVALID_INPUT",
      `need more than ${cfg.warmupWeeks + 4} training weeks, got ${trainEndWeek + 1}`,
    );
  }
  const season = estimateSeasonality(panel, trainEndWeek);
  const first = pass(panel, trainEndWeek, cfg, season, zeroCoefficients(panel));
  return pass(panel, trainEndWeek, cfg, season, first.coefficients);
}

/**
 * Fit on weeks ≤ trainEndWeek with calibrated intervals: a first fit stops `calibrationWeeks` early and
 * predicts the held-out tail (actuals absorbed as they would be live) to learn residual quantiles;
 * the returned model is then refitted on all training weeks.
 */
export function fitLiftModel(
  panel: Panel,
  trainEndWeek: number,
  configInput: LiftConfigInput = {},
  opts: FitOptions = {},
): LiftModel {
  const hold = opts.calibrationWeeks ?? 16;
  const model = fitLiftModelCore(panel, trainEndWeek, configInput);
  if (hold <= 0) return model;
  const probe = fitLiftModelCore(panel, trainEndWeek - hold, configInput);
  const resid: number[] = [];
  const base: number[] = [];
  const promo: number[] = [];
  const group: number[] = [];
  for (let t = trainEndWeek - hold + 1; t <= trainEndWeek; t++) {
    const pred = probe.predictWeek(t);
    for (let i = 0; i < pred.series.length; i++) {
      const s = pred.series[i]!;
      resid.push(logUnits(panel.units[s * panel.nWeeks + t]!) - pred.predLog[i]!);
      base.push(Math.exp(pred.baseLog[i]!));
      promo.push(pred.promoted[i]!);
      group.push(panel.series[s]!.upcIdx * 100_000 + t);
    }
  }
  model.calibration = ResidualCalibration.fromResiduals(resid, base, promo, group);
  return model;
}
