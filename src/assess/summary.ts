import type { EventImpact } from "./impact.js";
import { mechanicName, promotedAt } from "./events.js";
import type { WeeklySeries } from "./series.js";

/** A share with its 90 % Wilson interval. */
export interface Share {
  share: number;
  lower: number;
  upper: number;
}

/** Money-losing promotions in one group of events. */
export interface LossGroup {
  group: string;
  events: number;
  lost: Share;
  /** Events that lost money beyond their own noise (margin + 1.645·se < 0). */
  lostBeyondDoubt: number;
  /** Share lost at the low and high assumed margin rates (same as `lost` with real costs). */
  lostAtLow: number;
  lostAtHigh: number;
  incrementalUnitsPct: number;
  dipPct: number;
  cannibalPct: number;
  incrementalMargin: number;
}

const Z90 = 1.6449;

/** Wilson's score interval for k successes in n trials, 90 %. */
export function wilson(k: number, n: number): Share {
  if (n === 0) return { share: 0, lower: 0, upper: 1 };
  const p = k / n;
  const z2 = Z90 * Z90;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z90 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return {
    share: p,
    lower: Math.max(0, centre - half),
    upper: Math.min(1, centre + half),
  };
}

/** Depth bands planners recognise, shallowest first. */
export const DEPTH_BANDS = ["no cut", "5–15 %", "15–25 %", "25–35 %", "35 % +"];

/** The band a depth of cut falls in. */
export function depthBand(depth: number): string {
  if (depth < 0.05) return "no cut";
  if (depth < 0.15) return "5–15 %";
  if (depth < 0.25) return "15–25 %";
  if (depth < 0.35) return "25–35 %";
  return "35 % +";
}

/** Loss groups keyed by `key`, largest first. */
export function lossesBy(
  events: readonly EventImpact[],
  key: (e: EventImpact) => string,
): LossGroup[] {
  const groups = new Map<string, EventImpact[]>();
  for (const e of events) {
    const k = key(e);
    const list = groups.get(k) ?? [];
    list.push(e);
    groups.set(k, list);
  }
  return [...groups]
    .map(([group, list]) => lossGroup(group, list))
    .sort((a, b) => b.events - a.events || a.group.localeCompare(b.group));
}

function lossGroup(group: string, list: EventImpact[]): LossGroup {
  let lost = 0;
  let beyond = 0;
  let low = 0;
  let high = 0;
  let base = 0;
  let inc = 0;
  let dip = 0;
  let cannibal = 0;
  let margin = 0;
  for (const e of list) {
    if (e.margin < 0) lost++;
    if (e.margin + Z90 * e.se < 0) beyond++;
    if (e.marginAtLow < 0) low++;
    if (e.marginAtHigh < 0) high++;
    base += e.baselinePerWeek * e.weeks;
    inc += e.incrementalUnits;
    dip += e.dipUnits;
    cannibal += e.cannibalUnits;
    margin += e.margin;
  }
  const pct = (x: number) => (base > 0 ? (100 * x) / base : 0);
  return {
    group,
    events: list.length,
    lost: wilson(lost, list.length),
    lostBeyondDoubt: beyond,
    lostAtLow: low / list.length,
    lostAtHigh: high / list.length,
    incrementalUnitsPct: pct(inc),
    dipPct: pct(dip),
    cannibalPct: pct(cannibal),
    incrementalMargin: margin,
  };
}

/** How often and how deep one category promoted. */
export interface PromotionPattern {
  category: string;
  storeSkuWeeks: number;
  promotedShare: number;
  /** Shares of promoted weeks by mechanic. */
  mechanics: Record<string, number>;
  depthP10: number;
  depthMedian: number;
  depthP90: number;
  /** Share of featured weeks that carried no price cut. */
  featureWithoutCut: number;
  meanEventWeeks: number;
}

/** Promotion frequency, depth and mechanic mix per category. */
export function promotionPatterns(
  series: readonly WeeklySeries[],
  events: readonly EventImpact[],
): PromotionPattern[] {
  const cats = [...new Set(series.map((s) => s.category))].sort();
  return cats.map((category) => {
    let weeks = 0;
    let promoted = 0;
    let featured = 0;
    let featuredNoCut = 0;
    const depths: number[] = [];
    const mix = new Map<string, number>();
    for (const s of series) {
      if (s.category !== category) continue;
      for (let i = 0; i < s.week.length; i++) {
        weeks++;
        if (!promotedAt(s, i)) continue;
        promoted++;
        const name = mechanicName(s.feature[i]!, s.display[i]!, s.cut[i]!);
        mix.set(name, (mix.get(name) ?? 0) + 1);
        if (s.feature[i]) featured++;
        if (s.feature[i] && !s.cut[i]) featuredNoCut++;
        if (s.cut[i]) depths.push(1 - s.price[i]! / s.regular[i]!);
      }
    }
    const own = events.filter((e) => e.category === category);
    depths.sort((a, b) => a - b);
    const q = (p: number) => (depths.length ? depths[Math.floor(p * (depths.length - 1))]! : 0);
    return {
      category,
      storeSkuWeeks: weeks,
      promotedShare: weeks ? promoted / weeks : 0,
      mechanics: Object.fromEntries([...mix].map(([k, v]) => [k, v / Math.max(1, promoted)])),
      depthP10: q(0.1),
      depthMedian: q(0.5),
      depthP90: q(0.9),
      featureWithoutCut: featured ? featuredNoCut / featured : 0,
      meanEventWeeks: own.length ? own.reduce((a, e) => a + e.weeks, 0) / own.length : 0,
    };
  });
}
