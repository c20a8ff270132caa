import type { WeeklySeries } from "./series.js";

/** How an event is measured; see docs/assess.md for why each default. */
export interface EventOptions {
  /** Weeks either side of an event whose clean weeks make its baseline. */
  window: number;
  /** Weeks after a promotion that are neither clean nor part of it: the dip. */
  postWeeks: number;
  /** Fewest clean weeks a baseline may rest on; fewer and the event is not assessed. */
  minCleanWeeks: number;
}

/** One promotion of one SKU in one store: consecutive promoted weeks. */
export interface PromotionEvent {
  series: WeeklySeries;
  /** Positions in the series' arrays, first and last promoted week. */
  from: number;
  to: number;
  mechanic: string;
  /** Mean cut below the regular price over the event's weeks (0 when none). */
  depth: number;
}

/** A promotion event's baseline: the promotion-free weekly units around it. */
export interface Baseline {
  unitsPerWeek: number;
  sd: number;
  cleanWeeks: number;
}

/** Whether a week of a series carries any promotion. */
export function promotedAt(s: WeeklySeries, i: number): boolean {
  return s.feature[i]! || s.display[i]! || s.cut[i]!;
}

/** Maximal runs of consecutive promoted weeks in one series. */
export function findEvents(s: WeeklySeries): PromotionEvent[] {
  const out: PromotionEvent[] = [];
  let i = 0;
  while (i < s.week.length) {
    if (!promotedAt(s, i)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < s.week.length && promotedAt(s, j + 1) && s.week[j + 1] === s.week[j]! + 1) {
      j++;
    }
    out.push(describe(s, i, j));
    i = j + 1;
  }
  return out;
}

function describe(s: WeeklySeries, from: number, to: number): PromotionEvent {
  let f = false;
  let d = false;
  let c = false;
  let depth = 0;
  for (let i = from; i <= to; i++) {
    f ||= s.feature[i]!;
    d ||= s.display[i]!;
    c ||= s.cut[i]!;
    depth += Math.max(0, 1 - s.price[i]! / s.regular[i]!);
  }
  return {
    series: s,
    from,
    to,
    mechanic: mechanicName(f, d, c),
    depth: depth / (to - from + 1),
  };
}

/** "feature + display + cut", in a fixed order, as planners name them. */
export function mechanicName(feature: boolean, display: boolean, cut: boolean): string {
  const parts = [feature ? "feature" : "", display ? "display" : "", cut ? "cut" : ""].filter(
    Boolean,
  );
  return parts.join(" + ");
}

/**
 * Which weeks are clean: unpromoted and not within `postWeeks` after a promoted week, so a
 * baseline never includes a promotion's own dip.
 */
export function cleanWeeks(s: WeeklySeries, postWeeks: number): boolean[] {
  const clean = new Array<boolean>(s.week.length).fill(false);
  let lastPromoted = -Infinity;
  for (let i = 0; i < s.week.length; i++) {
    if (promotedAt(s, i)) {
      lastPromoted = s.week[i]!;
      continue;
    }
    clean[i] = s.week[i]! - lastPromoted > postWeeks;
  }
  return clean;
}

/** Mean clean weekly units within `window` weeks of weeks [first, last]. */
export function baselineAround(
  s: WeeklySeries,
  clean: readonly boolean[],
  first: number,
  last: number,
  o: EventOptions,
): Baseline | null {
  let n = 0;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < s.week.length; i++) {
    const w = s.week[i]!;
    if (!clean[i] || w < first - o.window || w > last + o.window) continue;
    n++;
    sum += s.units[i]!;
    sq += s.units[i]! ** 2;
  }
  if (n < o.minCleanWeeks) return null;
  const mean = sum / n;
  const variance = Math.max(0, (sq - n * mean * mean) / (n - 1));
  return { unitsPerWeek: mean, sd: Math.sqrt(variance), cleanWeeks: n };
}
