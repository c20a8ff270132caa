import { N_FEATURES, type RowPlan } from "../../models/lift/features.js";
import { FEATURE_INDEX as F } from "../../models/lift/features.js";
import type { LiftModel, RowLog } from "../../models/lift/model.js";
import { Z90 } from "../../models/scenario/sum-interval.js";

/** Weeks ahead of the model's last actuals that cells are kept for (later weeks reuse the last). */
export const CELL_WEEKS = 16;
/** Weeks of a promotion's own run that change its features (a streak of 2+ is one case). */
const STREAKS = 3;
const NO_PRESSURE = { subCategory: 0, category: 0 };

/** What a scenario does to one series: its price cut and flags. */
export interface CellPlan {
  depth: number;
  feature: 0 | 1;
  display: 0 | 1;
  tprOnly: 0 | 1;
}

/** Expected units of a group of series in one week, with what their sum's interval needs. */
export interface CellSum {
  mean: number;
  variance: number;
  sdSum: number;
}

const planKey = (p: CellPlan): number =>
  Math.round(p.depth * 1000) * 8 + p.feature * 4 + p.display * 2 + p.tprOnly;

/**
 * The lift model's predictions for one SKU's series in one market (its stores, or its
 * market-wide channel), week by week after the model's last actuals, under the plans scenarios
 * are made of. Each cell is `LiftModel.predictRow` summed over the series (mean scale, with the
 * calibrated residual spread), made when first asked for: a scope screens thousands of scenarios
 * built from a few hundred cells.
 */
export class SkuCells {
  private readonly x = new Float64Array(N_FEATURES);
  private readonly row: RowLog = { base: 0, log: 0 };
  private readonly regular = new Float64Array(CELL_WEEKS).fill(Number.NaN);
  private readonly after = new Float64Array(CELL_WEEKS * 4).fill(Number.NaN);
  private readonly promoted = new Map<number, Float64Array>();
  private lost = Number.NaN;

  constructor(
    private readonly model: LiftModel,
    /** Panel series of the SKU in the market. */
    readonly series: readonly number[],
    /** Every other SKU's series in the same stores (the ones a promotion takes sales from). */
    private readonly siblings: readonly number[],
  ) {}

  /** Expected regular-week units in week k (0 = the first week after the last actuals). */
  base(k: number): number {
    const i = clampWeek(k);
    if (Number.isNaN(this.regular[i]!)) this.regular[i] = this.sum(i, undefined, 0).mean;
    return this.regular[i]!;
  }

  /** Expected units in week k, the first regular week after n promoted ones (the dip, if any). */
  post(k: number, n: number): number {
    const i = clampWeek(k) * 4 + Math.min(3, n);
    if (Number.isNaN(this.after[i]!))
      this.after[i] = this.sum(clampWeek(k), undefined, mask(n)).mean;
    return this.after[i]!;
  }

  /** Units in week k under `plan`, promoted the j weeks before too. */
  promo(plan: CellPlan, k: number, j: number, out: CellSum): CellSum {
    const key = planKey(plan);
    let cells = this.promoted.get(key);
    if (!cells)
      this.promoted.set(key, (cells = new Float64Array(CELL_WEEKS * STREAKS * 3).fill(Number.NaN)));
    const at = (clampWeek(k) * STREAKS + Math.min(STREAKS - 1, j)) * 3;
    if (Number.isNaN(cells[at]!)) {
      const c = this.sum(clampWeek(k), plan, mask(Math.min(STREAKS - 1, j)));
      cells[at] = c.mean;
      cells[at + 1] = c.variance;
      cells[at + 2] = c.sdSum;
    }
    out.mean = cells[at]!;
    out.variance = cells[at + 1]!;
    out.sdSum = cells[at + 2]!;
    return out;
  }

  /**
   * Units the other SKUs of the same stores lose in a week this SKU is promoted: their regular
   * units times the model's promotion-pressure effect of one more promoted SKU (a gain is not
   * counted: a decision should not lean on a halo the data barely shows).
   */
  cannibalisedPerWeek(): number {
    if (!Number.isNaN(this.lost)) return this.lost;
    const m = this.model;
    const p = m.panel;
    let lost = 0;
    for (const o of this.siblings) {
      const si = p.series[o]!;
      let sub = 0;
      let cat = 0;
      for (const x of this.siblings) {
        const sx = p.series[x]!;
        if (sx.storeIdx !== si.storeIdx) continue;
        cat++;
        if (sx.subCategoryIdx === si.subCategoryIdx) sub++;
      }
      // The promoted SKU is one of o's "others": in o's subcategory, or in the rest of the category.
      const own = this.series.find((x) => p.series[x]!.storeIdx === si.storeIdx);
      if (own === undefined) continue;
      const sameSub = p.series[own]!.subCategoryIdx === si.subCategoryIdx;
      const b = m.upcCoefficients(si.upcIdx);
      const shift = sameSub
        ? b[F.subCategoryPromoPressure]! / sub
        : b[F.categoryPromoPressure]! / Math.max(1, cat - sub + 1);
      const usual = this.cell(o, 0, undefined, m.historyLag(o, m.walker.stateWeek + 1)).mean;
      lost += usual * Math.max(0, 1 - Math.exp(shift));
    }
    return (this.lost = lost);
  }

  private sum(k: number, plan: CellPlan | undefined, scenarioLag: number): CellSum {
    const out = { mean: 0, variance: 0, sdSum: 0 };
    const t = this.model.walker.stateWeek + 1 + k;
    for (const s of this.series) {
      const c = this.cell(s, k, plan, this.model.historyLag(s, t) | scenarioLag);
      out.mean += c.mean;
      out.variance += c.variance;
      out.sdSum += Math.sqrt(c.variance);
    }
    return out;
  }

  /** One series' expected units in week k (mean scale) and their variance. */
  private cell(
    s: number,
    k: number,
    plan: CellPlan | undefined,
    lag: number,
  ): { mean: number; variance: number } {
    const m = this.model;
    const ref = m.state.refBasePrice[s]!;
    const regular = Number.isFinite(ref) && ref > 0 ? ref : 1;
    const row: RowPlan = plan
      ? {
          price: regular * (1 - plan.depth),
          basePrice: regular,
          feature: plan.feature,
          display: plan.display,
          tprOnly: plan.tprOnly,
        }
      : { price: regular, basePrice: regular, feature: 0, display: 0, tprOnly: 0 };
    const promoted =
      plan !== undefined && (plan.feature === 1 || plan.display === 1 || plan.tprOnly === 1);
    m.predictRow(s, m.walker.stateWeek + 1 + k, k + 1, row, NO_PRESSURE, lag, this.x, this.row);
    const b = m.calibration?.bucket(Math.exp(this.row.base), promoted);
    const sigma = b ? Math.max(0.05, (b.q90 - b.q10) / (2 * Z90)) : 0.5;
    const mean = Math.exp(this.row.log) * (b ? b.smear : Math.exp((sigma * sigma) / 2));
    return { mean, variance: mean * mean * (Math.exp(sigma * sigma) - 1) };
  }
}

/** Bits of the n weeks just before (bit k = k + 1 weeks before). */
function mask(n: number): number {
  return (1 << Math.max(0, n)) - 1;
}

function clampWeek(k: number): number {
  return Math.max(0, Math.min(CELL_WEEKS - 1, k));
}
