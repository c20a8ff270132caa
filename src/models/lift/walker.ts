import type { DemandState } from "../baseline/demand-state.js";
import type { Panel } from "../panel.js";
import { buildFeatures, type PromoPressure, type RowPlan } from "./features.js";

const LAG_WEEKS = 8;

function promoAt(p: Panel, c: number): number {
  return p.present[c] === 1 && (p.feature[c] === 1 || p.display[c] === 1 || p.tpr[c] === 1) ? 1 : 0;
}

/**
 * Walks the panel forward in time, keeping the demand state exactly `horizon` weeks behind the week
 * being predicted, and turns panel rows into features. The promotion plan (prices, flags, other SKUs'
 * promotions) of the predicted week and earlier weeks is known; unit actuals only through t − horizon.
 */
export class PanelWalker {
  private absorbedThrough = -1;
  private readonly carriedSub: Int32Array;
  private readonly carriedCat: Int32Array;
  private readonly promoSub: Int32Array;
  private readonly promoCat: Int32Array;
  private pressureWeek = -1;
  /** Pooled predictions without memory terms, per week awaiting absorption (see DemandState). */
  private readonly expected = new Map<number, Float64Array>();
  private readonly lift = new Map<number, Float64Array>();

  constructor(
    readonly panel: Panel,
    readonly state: DemandState,
    private readonly horizon: number,
  ) {
    const nStore = panel.stores.length;
    this.carriedSub = new Int32Array(nStore * panel.subCategories.length);
    this.carriedCat = new Int32Array(nStore * panel.categories.length);
    this.promoSub = new Int32Array(this.carriedSub.length);
    this.promoCat = new Int32Array(this.carriedCat.length);
    // Assortment (which SKUs a store carries) is known to the retailer ahead of time.
    for (const si of panel.series) {
      this.carriedSub[si.storeIdx * panel.subCategories.length + si.subCategoryIdx]! += 1;
      this.carriedCat[si.storeIdx * panel.categories.length + si.categoryIdx]! += 1;
    }
  }

  /** Last week whose actuals are in the state. */
  get stateWeek(): number {
    return this.absorbedThrough;
  }

  /** Absorb actuals so the state holds weeks ≤ t − horizon. */
  advanceTo(t: number, onAbsorb?: (w: number) => void): void {
    while (this.absorbedThrough < t - this.horizon) {
      this.absorbedThrough++;
      const w = this.absorbedThrough;
      this.state.absorbWeek(w, this.expected.get(w), this.lift.get(w));
      this.expected.delete(w);
      this.lift.delete(w);
      onAbsorb?.(this.absorbedThrough);
    }
  }

  /**
   * Remember the pooled log prediction (without memory terms) of row (s, t) and its baseline, for
   * when week t's actuals are absorbed.
   */
  noteExpected(s: number, t: number, logPred: number, baseLog: number): void {
    if (t <= this.absorbedThrough) return;
    this.slot(this.expected, t)[s] = logPred;
    this.slot(this.lift, t)[s] = logPred - baseLog;
  }

  private slot(map: Map<number, Float64Array>, t: number): Float64Array {
    let arr = map.get(t);
    if (!arr) {
      arr = new Float64Array(this.panel.series.length).fill(Number.NaN);
      map.set(t, arr);
    }
    return arr;
  }

  /** Promotions of every SKU in each store's subcategory / category in week t. */
  private preparePressure(t: number): void {
    if (this.pressureWeek === t) return;
    const p = this.panel;
    this.promoSub.fill(0);
    this.promoCat.fill(0);
    for (const s of p.weekRows[t] ?? []) {
      if (!promoAt(p, s * p.nWeeks + t)) continue;
      const si = p.series[s]!;
      this.promoSub[si.storeIdx * p.subCategories.length + si.subCategoryIdx]! += 1;
      this.promoCat[si.storeIdx * p.categories.length + si.categoryIdx]! += 1;
    }
    this.pressureWeek = t;
  }

  /** Share of the other SKUs of series s's subcategory and rest of category promoted in week t. */
  pressure(s: number, t: number, ownPromo: number): PromoPressure {
    this.preparePressure(t);
    const p = this.panel;
    const si = p.series[s]!;
    const iSub = si.storeIdx * p.subCategories.length + si.subCategoryIdx;
    const iCat = si.storeIdx * p.categories.length + si.categoryIdx;
    const subOthers = this.carriedSub[iSub]! - 1;
    const catOthers = this.carriedCat[iCat]! - this.carriedSub[iSub]!;
    return {
      subCategory: subOthers > 0 ? (this.promoSub[iSub]! - ownPromo) / subOthers : 0,
      category: catOthers > 0 ? (this.promoCat[iCat]! - this.promoSub[iSub]!) / catOthers : 0,
    };
  }

  /** Bit k set = series s was promoted in week t − 1 − k (from the known plan). */
  promoLag(s: number, t: number): number {
    const p = this.panel;
    let lag = 0;
    for (let k = 0; k < LAG_WEEKS; k++) {
      const w = t - 1 - k;
      if (w >= 0 && promoAt(p, s * p.nWeeks + w)) lag |= 1 << k;
    }
    return lag;
  }

  /** The panel's recorded plan for series s in week t. */
  plan(s: number, t: number): RowPlan {
    const p = this.panel;
    const c = s * p.nWeeks + t;
    return {
      price: p.price[c]!,
      basePrice: p.basePrice[c]!,
      feature: p.feature[c]!,
      display: p.display[c]!,
      tprOnly: p.tpr[c]!,
    };
  }

  /** Features of the panel row (s, t) into `out`; returns baseline log units. */
  rowFeatures(s: number, t: number, out: Float64Array): number {
    const plan = this.plan(s, t);
    const own = plan.feature || plan.display || plan.tprOnly ? 1 : 0;
    return buildFeatures(
      this.state,
      s,
      t,
      this.horizon,
      plan,
      this.pressure(s, t, own),
      this.promoLag(s, t),
      out,
    );
  }
}
