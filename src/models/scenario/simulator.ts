import { ModelError } from "../errors.js";
import { buildFeatures, N_FEATURES, FEATURE_INDEX as F, type RowPlan } from "../lift/features.js";
import type { LiftModel } from "../lift/model.js";
import { upcEffects } from "../lift/params.js";
import { seriesKey, weekIndexOf } from "../panel.js";
import {
  scenarioInputSchema,
  scenarioResultSchema,
  type ScenarioInput,
  type ScenarioResult,
  type ScenarioSpec,
} from "./schemas.js";
import { LognormalSum, Z90 } from "./sum-interval.js";

const NO_PRESSURE = { subCategory: 0, category: 0 };

/** Cell mean and log-sd, from a log prediction and the calibrated residual bucket. */
interface Cell {
  mean: number;
  sigma: number;
}

/**
 * Evaluates promotion scenarios against a fitted model frozen at its last absorbed week: pure
 * arithmetic on in-memory state (no I/O), with other SKUs' regular-week forecasts cached.
 */
export class PromotionSimulator {
  readonly origin: number;
  private readonly x = new Float64Array(N_FEATURES);
  private readonly regularCache = new Map<number, number>();
  private readonly shareCache = new Map<number, number>();
  private readonly storeCategorySeries = new Map<string, number[]>();

  constructor(private readonly model: LiftModel) {
    this.origin = model.walker.stateWeek;
    const p = model.panel;
    p.series.forEach((si, s) => {
      const k = `${si.storeIdx}:${si.categoryIdx}`;
      const list = this.storeCategorySeries.get(k) ?? [];
      list.push(s);
      this.storeCategorySeries.set(k, list);
    });
  }

  /** Simulate one scenario (input validated with `scenarioInputSchema`). */
  evaluate(input: ScenarioInput): ScenarioResult {
    return this.evaluateSpec(scenarioInputSchema.parse(input));
  }

  /** Simulate an already-validated scenario. */
  evaluateSpec(spec: ScenarioSpec): ScenarioResult {
    const m = this.model;
    const p = m.panel;
    const u = p.upcs.indexOf(spec.upc);
    if (u < 0) throw new ModelError("UNKNOWN_SERIES", `UPC ${spec.upc} is not in the model`);
    const stores =
      spec.stores === "all"
        ? p.series.filter((si) => si.upc === spec.upc).map((si) => si.store)
        : spec.stores;
    const weeks = [...new Set(spec.weeks)].sort();
    const wIdx = weeks.map((d) => weekIndexOf(p, d));
    if (wIdx[0]! <= this.origin) {
      throw new ModelError(
        "INVALID_INPUT",
        `scenario week ${weeks[0]} is not after the model's last actuals ${p.weekDates[this.origin]}`,
      );
    }
    const rho = m.calibration?.storeCorrelation ?? 0;
    const promoSum = new LognormalSum();
    let baseUnits = 0;
    let baseRevenue = 0;
    let promoRevenue = 0;
    let discountCost = 0;
    let cannibalised = 0;
    let cannibalisedMargin = 0;
    let cannibalisedRevenue = 0;
    let pulled = 0;
    let pulledValue = 0;
    let pulledMargin = 0;
    const last = wIdx[wIdx.length - 1]!;
    for (const store of stores) {
      const s = p.seriesIndex.get(seriesKey(store, spec.upc));
      if (s === undefined)
        throw new ModelError("UNKNOWN_SERIES", `store ${store} has no history for UPC ${spec.upc}`);
      const regular = spec.regularPrice ?? this.regularPrice(s);
      const otherRate = spec.otherSkuMarginRate ?? Math.max(0, (regular - spec.unitCost) / regular);
      const promoPlan: RowPlan = {
        price: spec.price,
        basePrice: regular,
        feature: spec.feature,
        display: spec.display,
        tprOnly: spec.tprOnly,
      };
      const basePlan: RowPlan = {
        price: regular,
        basePrice: regular,
        feature: 0,
        display: 0,
        tprOnly: 0,
      };
      for (const t of wIdx) {
        const lagBase = this.historyLag(s, t);
        const withPromo = this.cell(s, u, t, promoPlan, lagBase | scenarioLag(wIdx, t), true);
        const without = this.cell(s, u, t, basePlan, lagBase, false);
        promoSum.add(withPromo.mean, withPromo.sigma);
        baseUnits += without.mean;
        promoRevenue += withPromo.mean * spec.price;
        baseRevenue += without.mean * regular;
        discountCost += withPromo.mean * (regular - spec.price);
        for (const o of this.storeCategorySeries.get(
          `${p.series[s]!.storeIdx}:${p.series[s]!.categoryIdx}`,
        ) ?? []) {
          if (o === s) continue;
          const lost = this.cannibalised(s, o, t);
          const price = this.regularPrice(o);
          cannibalised += lost;
          cannibalisedRevenue += lost * price;
          cannibalisedMargin += lost * price * otherRate;
        }
      }
      for (let t = last + 1; t <= last + spec.postPromoWeeks; t++) {
        const lagBase = this.historyLag(s, t);
        const after = this.cell(s, u, t, basePlan, lagBase | scenarioLag(wIdx, t), false).mean;
        const usual = this.cell(s, u, t, basePlan, lagBase, false).mean;
        pulled += usual - after;
        pulledValue += (usual - after) * regular;
        pulledMargin += (usual - after) * (regular - spec.unitCost);
      }
    }
    const promoUnits = promoSum.total;
    const [lo, hi] = promoSum.interval80(rho);
    const unitMargin = spec.price - spec.unitCost;
    const baseMargin = baseRevenue - baseUnits * spec.unitCost;
    const fixed = baseMargin + cannibalisedMargin + pulledMargin;
    const incrementalMargin = promoRevenue - promoUnits * spec.unitCost - fixed;
    const marginAt = (units: number): number => units * unitMargin - fixed;
    const marginRange = [marginAt(lo), marginAt(hi)].sort((a, b) => a - b) as [number, number];
    const net = promoUnits - baseUnits - cannibalised - pulled;
    return scenarioResultSchema.parse({
      upc: spec.upc,
      stores,
      weeks,
      baselineUnits: baseUnits,
      promoUnits,
      incrementalUnits: promoUnits - baseUnits,
      cannibalisedUnits: cannibalised,
      pulledForwardUnits: pulled,
      netIncrementalUnits: net,
      incrementalRevenue: promoRevenue - baseRevenue - cannibalisedRevenue - pulledValue,
      discountCost,
      incrementalMargin,
      interval80: {
        promoUnits: [lo, hi],
        incrementalUnits: [lo - baseUnits, hi - baseUnits],
        netIncrementalUnits: [lo - promoUnits + net, hi - promoUnits + net],
        incrementalMargin: marginRange,
      },
      effects: upcEffects(m.upcCoefficients(u), m.promoContext[u]),
    });
  }

  /** The series' recent regular price. */
  private regularPrice(s: number): number {
    const r = this.model.state.refBasePrice[s]!;
    return Number.isNaN(r) ? 1 : r;
  }

  /** Promotion bits of the known history as seen from week t (bit k = week t − 1 − k). */
  private historyLag(s: number, t: number): number {
    return this.model.historyLag(s, t);
  }

  private cell(
    s: number,
    u: number,
    t: number,
    plan: RowPlan,
    lag: number,
    promoted: boolean,
  ): Cell {
    const m = this.model;
    const base = buildFeatures(m.state, s, t, t - this.origin, plan, NO_PRESSURE, lag, this.x);
    const logPred = m.predictLog(u, this.x, base);
    const b = m.calibration?.bucket(Math.exp(base), promoted);
    const sigma = b ? Math.max(0.05, (b.q90 - b.q10) / (2 * Z90)) : 0.5;
    const smear = b ? b.smear : Math.exp((sigma * sigma) / 2);
    return { mean: Math.exp(logPred) * smear, sigma };
  }

  /** Units another SKU o (same store, same category) loses in week t when series s is promoted. */
  private cannibalised(s: number, o: number, t: number): number {
    const p = this.model.panel;
    const key = o * 4096 + (t - this.origin);
    let usual = this.regularCache.get(key);
    const uo = p.series[o]!.upcIdx;
    if (usual === undefined) {
      const price = this.regularPrice(o);
      const plan: RowPlan = { price, basePrice: price, feature: 0, display: 0, tprOnly: 0 };
      usual = this.cell(o, uo, t, plan, this.historyLag(o, t), false).mean;
      this.regularCache.set(key, usual);
    }
    const sameSub = p.series[o]!.subCategoryIdx === p.series[s]!.subCategoryIdx;
    const share = this.pressureShare(o, sameSub);
    const b = this.model.upcCoefficients(uo);
    const shift = sameSub
      ? b[F.subCategoryPromoPressure]! * share
      : b[F.categoryPromoPressure]! * share;
    return usual * (1 - Math.exp(shift));
  }

  /** How much one extra promoted SKU moves series o's pressure feature (1 / number of other SKUs). */
  private pressureShare(o: number, sameSub: boolean): number {
    const key = o * 2 + (sameSub ? 1 : 0);
    let v = this.shareCache.get(key);
    if (v === undefined) {
      v = this.computeShare(o, sameSub);
      this.shareCache.set(key, v);
    }
    return v;
  }

  private computeShare(o: number, sameSub: boolean): number {
    const p = this.model.panel;
    const si = p.series[o]!;
    let sub = 0;
    let cat = 0;
    for (const x of this.storeCategorySeries.get(`${si.storeIdx}:${si.categoryIdx}`) ?? []) {
      cat++;
      if (p.series[x]!.subCategoryIdx === si.subCategoryIdx) sub++;
    }
    const others = sameSub ? sub - 1 : cat - sub;
    return others > 0 ? 1 / others : 0;
  }
}

/** Bits of the scenario's own promoted weeks before week t (bit k = week t − 1 − k). */
function scenarioLag(weeks: number[], t: number): number {
  let lag = 0;
  for (const w of weeks) {
    const k = t - 1 - w;
    if (k >= 0 && k < 8) lag |= 1 << k;
  }
  return lag;
}
