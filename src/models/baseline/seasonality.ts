import { logUnits, type Panel } from "../panel.js";

/** Log seasonal index per category × week of year (53 slots), 0 = no effect. */
export interface Seasonality {
  index: Float64Array[];
}

const HALF_WINDOW = 13;
const MIN_NEIGHBOURS = 6;
const SHRINK_ROWS = 50;

function isPromo(p: Panel, c: number): boolean {
  return p.feature[c] === 1 || p.display[c] === 1 || p.tpr[c] === 1;
}

/**
 * Estimate seasonality from non-promoted weeks before `endWeek` (inclusive): each observation's
 * deviation from its series' centred ±13-week mean (classical decomposition, robust to level shifts),
 * averaged per category × week of year, shrunk toward 0 and smoothed over neighbouring weeks.
 */
export function estimateSeasonality(p: Panel, endWeek: number): Seasonality {
  const nCat = p.categories.length;
  const sum = Array.from({ length: nCat }, () => new Float64Array(53));
  const cnt = Array.from({ length: nCat }, () => new Float64Array(53));
  const W = p.nWeeks;
  const logs = new Float64Array(W);
  const ok = new Uint8Array(W);
  p.series.forEach((info, s) => {
    for (let w = 0; w <= endWeek; w++) {
      const c = s * W + w;
      ok[w] = p.present[c] === 1 && !isPromo(p, c) ? 1 : 0;
      logs[w] = ok[w] ? logUnits(p.units[c]!) : 0;
    }
    for (let w = 0; w <= endWeek; w++) {
      if (!ok[w]) continue;
      let s1 = 0;
      let n = 0;
      for (let v = Math.max(0, w - HALF_WINDOW); v <= Math.min(endWeek, w + HALF_WINDOW); v++) {
        if (v !== w && ok[v]) {
          s1 += logs[v]!;
          n++;
        }
      }
      if (n < MIN_NEIGHBOURS) continue;
      const woy = p.weekOfYear[w]!;
      sum[info.categoryIdx]![woy]! += logs[w]! - s1 / n;
      cnt[info.categoryIdx]![woy]! += 1;
    }
  });
  const index = sum.map((sc, k) => {
    const raw = sc.map((v, i) => v / (cnt[k]![i]! + SHRINK_ROWS));
    // Circular (1,2,1)/4 smoothing: week-of-year slots drift by a day a year.
    return raw.map((v, i) => (raw[(i + 52) % 53]! + 2 * v + raw[(i + 1) % 53]!) / 4);
  });
  return { index };
}
