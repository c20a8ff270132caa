import type { Panel } from "../../models/panel.js";
import type { LiftModel } from "../../models/lift/model.js";
import { Z90 } from "../../models/scenario/sum-interval.js";

/** Mechanic classes: bit 0 a price cut, bit 1 a feature ad, bit 2 a display (0 = regular week). */
const CLASSES = 8;

/** The priors of the lift's uncertainty (log scale); defaults in `DEFAULT_LIFT_PRIORS`. */
export interface LiftPriors {
  /** Spread of a mechanic's lift in a category that never ran one of its parts (cut, ad, display). */
  global: number;
  /**
   * Spread of a mechanic's lift in a category that ran each of its parts, but not together as
   * this mechanic: the model adds the parts' effects, and that may be wrong (an ad may lift
   * little without a cut).
   */
  interaction: number;
  /** Spread of SKUs' lifts around their category's for one mechanic. */
  betweenSkus: number;
  /** Error the model's form makes everywhere (market truths it does not contain). */
  misspecification: number;
  /**
   * Log-lift noise of one settled holdout campaign of the mechanic in the category (a few
   * control stores): each one narrows the lift as `n / settled²` of precision.
   */
  settledCampaign: number;
}

/** Priors that let about ten promoted weeks narrow a SKU's lift to about ±15 % (80 %). */
export const DEFAULT_LIFT_PRIORS: LiftPriors = {
  global: 0.5,
  interaction: 0.25,
  betweenSkus: 0.25,
  misspecification: 0.08,
  settledCampaign: 0.5,
};

/** A plan's mechanic class. */
export function mechanicClass(depth: number, feature: number, display: number): number {
  return (depth > 0 ? 1 : 0) | (feature ? 2 : 0) | (display ? 4 : 0);
}

/**
 * How much the category's history says about each SKU's lift under each mechanic: the weeks it
 * ran that mechanic (any store), and the category's. A SKU's log lift is uncertain by a
 * hierarchical (normal-normal) posterior: the category's mechanic mean, itself shrunk toward a
 * wide global prior when the category rarely ran it, then the SKU's own weeks. The noise of one
 * promoted week is the model's calibrated held-out residual spread over the SKU's stores. A
 * mechanic the data barely shows (a feature without a cut is 5–6 % of featured rows) so keeps a
 * wide lift interval, and the agent does not bet on it blindly.
 */
export class LiftEvidence {
  private readonly skuWeeks: Int32Array;
  private readonly catWeeks: Int32Array;
  /** Weeks per category with a cut, an ad, a display (in any mechanic). */
  private readonly catParts: Int32Array;
  private readonly storesOf: Int32Array;
  private readonly weekSd: number;
  private readonly rho: number;

  constructor(
    private readonly model: LiftModel,
    private readonly priors: LiftPriors = DEFAULT_LIFT_PRIORS,
  ) {
    const p = model.panel;
    const last = Math.min(p.nWeeks - 1, model.walker.stateWeek);
    this.skuWeeks = new Int32Array(p.upcs.length * CLASSES);
    this.catWeeks = new Int32Array(p.categories.length * CLASSES);
    this.storesOf = new Int32Array(p.upcs.length);
    for (const si of p.series) this.storesOf[si.upcIdx]! += 1;
    countWeeks(p, last, this.skuWeeks, this.catWeeks);
    this.catParts = new Int32Array(p.categories.length * 3);
    for (let c = 0; c < p.categories.length; c++) {
      for (let cls = 1; cls < CLASSES; cls++) {
        for (let b = 0; b < 3; b++)
          if (cls & (1 << b)) this.catParts[c * 3 + b]! += this.catWeeks[c * CLASSES + cls]!;
      }
    }
    const cal = model.calibration;
    const promoted = cal?.buckets.filter((b) => b.promoted) ?? [];
    const widths = promoted.map((b) => (b.q90 - b.q10) / (2 * Z90)).sort((a, b) => a - b);
    const mid = widths[widths.length >> 1];
    this.weekSd = mid !== undefined && Number.isFinite(mid) && mid > 0 ? mid : 0.5;
    const rho = cal?.storeCorrelation;
    this.rho = rho !== undefined && Number.isFinite(rho) ? Math.min(1, Math.max(0, rho)) : 0.3;
  }

  /** Weeks of history in which the SKU ran this mechanic class in any store. */
  weeks(upcIdx: number, cls: number): number {
    return this.skuWeeks[upcIdx * CLASSES + cls] ?? 0;
  }

  private partsSeen(c: number, cls: number): boolean {
    for (let b = 0; b < 3; b++) if (cls & (1 << b) && this.catParts[c * 3 + b] === 0) return false;
    return true;
  }

  /**
   * SD of the SKU's log lift under the mechanic class: posterior of the hierarchy plus the
   * model's misspecification (`extra` adds what settled campaigns showed, as a variance). The
   * (category, mechanic)'s `settled` holdout campaigns (decayed count) are evidence too: a lift
   * the history barely shows narrows as the causal record confirms it.
   */
  logLiftSd(upcIdx: number, cls: number, extra = 0, settled = 0): number {
    if (cls === 0) return 0;
    const { betweenSkus, misspecification } = this.priors;
    const c = this.model.panel.upcCategory[upcIdx]!;
    const k = Math.max(1, this.storesOf[upcIdx] ?? 1);
    // One week's lift is seen through the noise of the SKU's stores, which move together.
    const w2 = this.weekSd ** 2 * (this.rho + (1 - this.rho) / k);
    const cat = this.catWeeks[c * CLASSES + cls] ?? 0;
    const prior = this.partsSeen(c, cls) ? this.priors.interaction : this.priors.global;
    const catVar = 1 / (cat / w2 + 1 / prior ** 2);
    const n = this.weeks(upcIdx, cls);
    const seen = Number.isFinite(settled) ? Math.max(0, settled) : 0;
    const skuVar =
      1 / (n / w2 + 1 / (betweenSkus ** 2 + catVar) + seen / this.priors.settledCampaign ** 2);
    const sd = Math.sqrt(
      skuVar + misspecification ** 2 + (Number.isFinite(extra) ? Math.max(0, extra) : 0),
    );
    return Number.isFinite(sd) ? sd : this.priors.global;
  }
}

/** Counts, per UPC and per category, the weeks each mechanic class ran (in any store). */
function countWeeks(p: Panel, last: number, sku: Int32Array, cat: Int32Array): void {
  const seen = new Uint8Array(p.upcs.length * CLASSES);
  for (let t = 0; t <= last; t++) {
    seen.fill(0);
    for (const s of p.weekRows[t] ?? []) {
      const i = s * p.nWeeks + t;
      const base = p.basePrice[i]!;
      const cut = base > 0 && p.price[i]! < base * 0.97 ? 1 : 0;
      const cls = mechanicClass(cut, p.feature[i]!, p.display[i]!);
      if (cls === 0) continue;
      const u = p.series[s]!.upcIdx;
      if (seen[u * CLASSES + cls]) continue;
      seen[u * CLASSES + cls] = 1;
      sku[u * CLASSES + cls]! += 1;
      cat[p.upcCategory[u]! * CLASSES + cls]! += 1;
    }
  }
}
