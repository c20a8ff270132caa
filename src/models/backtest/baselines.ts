import type { Panel } from "../panel.js";
import { median } from "../stats.js";

function promoAt(p: Panel, c: number): boolean {
  return p.feature[c] === 1 || p.display[c] === 1 || p.tpr[c] === 1;
}

/** Mean units per UPC over training rows: the fallback of both baselines for an unseen series. */
function upcMeans(p: Panel, trainEndWeek: number, promoted: boolean | undefined): Float64Array {
  const sum = new Float64Array(p.upcs.length);
  const n = new Float64Array(p.upcs.length);
  p.series.forEach((si, s) => {
    for (let w = 0; w <= trainEndWeek; w++) {
      const c = s * p.nWeeks + w;
      if (!p.present[c] || (promoted !== undefined && promoAt(p, c) !== promoted)) continue;
      sum[si.upcIdx]! += p.units[c]!;
      n[si.upcIdx]! += 1;
    }
  });
  return sum.map((v, i) => (n[i]! > 0 ? v / n[i]! : 1));
}

/**
 * Baseline (a): the last observed units of the same store × UPC, from actuals through t − horizon.
 * Returns a predictor for panel cell (s, t).
 */
export function lastValueBaseline(
  p: Panel,
  trainEndWeek: number,
  horizon: number,
): (s: number, t: number) => number {
  const fallback = upcMeans(p, trainEndWeek, undefined);
  return (s, t) => {
    for (let w = t - horizon; w >= 0; w--) {
      const c = s * p.nWeeks + w;
      if (p.present[c]) return p.units[c]!;
    }
    return fallback[p.series[s]!.upcIdx]!;
  };
}

/** Promotion type of a cell: feature, display and TPR-only flags as three bits. */
function promoType(p: Panel, c: number): number {
  return p.feature[c]! * 4 + p.display[c]! * 2 + p.tpr[c]!;
}

/**
 * Baseline (b): the store × UPC mean of non-promoted training weeks, times the UPC's median
 * promotion multiplier (promoted units / that series' non-promoted mean) on promoted rows. The
 * multiplier is taken per promotion type (feature / display / TPR combination) when the UPC has
 * that type in training, else over all its promotions — the stronger of the two readings.
 */
export function meanTimesMultiplierBaseline(
  p: Panel,
  trainEndWeek: number,
): (s: number, t: number) => number {
  const upcBase = upcMeans(p, trainEndWeek, false);
  const seriesMean = new Float64Array(p.series.length);
  p.series.forEach((si, s) => {
    let sum = 0;
    let n = 0;
    for (let w = 0; w <= trainEndWeek; w++) {
      const c = s * p.nWeeks + w;
      if (p.present[c] && !promoAt(p, c)) {
        sum += p.units[c]!;
        n++;
      }
    }
    seriesMean[s] = n > 0 ? sum / n : upcBase[si.upcIdx]!;
  });
  const ratios: number[][] = p.upcs.map(() => []);
  const byType = new Map<number, number[]>();
  p.series.forEach((si, s) => {
    for (let w = 0; w <= trainEndWeek; w++) {
      const c = s * p.nWeeks + w;
      if (!p.present[c] || !promoAt(p, c) || !(seriesMean[s]! > 0)) continue;
      const r = p.units[c]! / seriesMean[s]!;
      ratios[si.upcIdx]!.push(r);
      const key = si.upcIdx * 8 + promoType(p, c);
      const list = byType.get(key);
      if (list) list.push(r);
      else byType.set(key, [r]);
    }
  });
  const multiplier = ratios.map((r) => (r.length > 0 ? median(r) : 1));
  const typeMultiplier = new Map([...byType].map(([k, r]) => [k, median(r)]));
  return (s, t) => {
    const c = s * p.nWeeks + t;
    if (!promoAt(p, c)) return seriesMean[s]!;
    const u = p.series[s]!.upcIdx;
    return seriesMean[s]! * (typeMultiplier.get(u * 8 + promoType(p, c)) ?? multiplier[u]!);
  };
}
