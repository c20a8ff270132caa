import {
  baselineAround,
  cleanWeeks,
  findEvents,
  promotedAt,
  type Baseline,
  type EventOptions,
  type PromotionEvent,
} from "./events.js";
import type { WeeklySeries } from "./series.js";

/** Margin rates to assume where the catalogue has no unit cost. */
export interface MarginAssumption {
  rate: number;
  low: number;
  high: number;
}

/** What one past promotion did, against its promotion-free baseline. */
export interface EventImpact {
  sku: string;
  market: string;
  location: string;
  category: string;
  subcategory: string;
  mechanic: string;
  depth: number;
  firstWeekEnd: string;
  weeks: number;
  units: number;
  baselinePerWeek: number;
  incrementalUnits: number;
  /** Units above (+) or below (−) the baseline in the weeks right after. */
  dipUnits: number;
  /** Sibling SKUs' units above or below their baselines, shared among concurrent promotions. */
  cannibalUnits: number;
  /** Incremental contribution margin: the event, its dip and its cannibalisation. */
  margin: number;
  /** The same at the low and high assumed margin rates (equal to `margin` with a real cost). */
  marginAtLow: number;
  marginAtHigh: number;
  /** Standard error of `margin` from the baseline's noise. */
  se: number;
  costAssumed: boolean;
}

/** Why some events could not be measured. */
export interface ImpactResult {
  events: EventImpact[];
  unassessed: number;
}

/** One series ready to measure: its clean and quiet weeks and where each week sits. */
export interface Prepared {
  s: WeeklySeries;
  clean: boolean[];
  /** Clean weeks in which no SKU of the group was promoted either: a sibling's baseline. */
  quiet: boolean[];
  at: Map<number, number>;
}

/**
 * Every series with its clean and quiet weeks, grouped with its siblings (same store, channel and
 * subcategory), and how many SKUs of each group were promoted each week. Built once per read.
 */
export interface SiblingGroups {
  groups: Map<string, Prepared[]>;
  concurrent: Map<string, Map<number, number>>;
}

/** Groups the series for measuring, deriving each one's clean and quiet weeks once. */
export function prepareSeries(all: readonly WeeklySeries[], o: EventOptions): SiblingGroups {
  const groups = new Map<string, Prepared[]>();
  const concurrent = new Map<string, Map<number, number>>();
  const byKey = new Map<string, WeeklySeries[]>();
  for (const s of all) {
    const key = [s.location, s.market, s.channel, s.subcategory].join("\u0000");
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  for (const [key, members] of byKey) {
    const counts = promotedCounts(members);
    concurrent.set(key, counts);
    groups.set(
      key,
      members.map((s) => {
        const clean = cleanWeeks(s, o.postWeeks);
        return {
          s,
          clean,
          quiet: clean.map((c, i) => c && !counts.has(s.week[i]!)),
          at: new Map(s.week.map((w, i) => [w, i])),
        };
      }),
    );
  }
  return { groups, concurrent };
}

/** Measures every promotion event in the series against its own baseline. */
export function measureEvents(
  all: readonly WeeklySeries[],
  o: EventOptions,
  m: MarginAssumption,
): ImpactResult {
  const { groups, concurrent } = prepareSeries(all, o);
  const events: EventImpact[] = [];
  let unassessed = 0;
  for (const [key, members] of groups) {
    for (const p of members) {
      for (const e of findEvents(p.s)) {
        const measured = measure(e, p, members, concurrent.get(key)!, o, m);
        if (measured) events.push(measured);
        else unassessed++;
      }
    }
  }
  return { events, unassessed };
}

/** SKUs promoted per week within one group of siblings. */
function promotedCounts(members: readonly WeeklySeries[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const s of members) {
    for (let i = 0; i < s.week.length; i++) {
      if (!promotedAt(s, i)) continue;
      counts.set(s.week[i]!, (counts.get(s.week[i]!) ?? 0) + 1);
    }
  }
  return counts;
}

function measure(
  e: PromotionEvent,
  p: Prepared,
  siblings: readonly Prepared[],
  concurrent: Map<number, number>,
  o: EventOptions,
  m: MarginAssumption,
): EventImpact | null {
  const s = p.s;
  const first = s.week[e.from]!;
  const last = s.week[e.to]!;
  // A store that promotes a third of its weeks may have too few clean weeks close by; a
  // wider window trades recency for a baseline at all.
  const b =
    baselineAround(s, p.clean, first, last, o) ??
    baselineAround(s, p.clean, first, last, { ...o, window: 2 * o.window });
  if (!b) return null;
  const post = postPositions(p, last, o.postWeeks);
  const others = siblings
    .filter((x) => x !== p)
    .map((x) => ({
      x,
      // Weeks when a sibling was promoted hold the very cannibalisation being measured.
      b:
        baselineAround(x.s, x.quiet, first, last, o) ??
        baselineAround(x.s, x.clean, first, last, o),
    }));
  const at = (rate: number) => eventMargin(e, b, post, others, concurrent, rate);
  const central = at(m.rate);
  let units = 0;
  for (let i = e.from; i <= e.to; i++) units += s.units[i]!;
  const weeks = e.to - e.from + 1;
  return {
    sku: s.sku,
    market: s.market,
    location: s.location,
    category: s.category,
    subcategory: s.subcategory,
    mechanic: e.mechanic,
    depth: e.depth,
    firstWeekEnd: s.weekEnd[e.from]!,
    weeks,
    units,
    baselinePerWeek: b.unitsPerWeek,
    incrementalUnits: units - weeks * b.unitsPerWeek,
    dipUnits: central.dipUnits,
    cannibalUnits: central.cannibalUnits,
    margin: central.margin,
    marginAtLow: s.unitCost === null ? at(m.low).margin : central.margin,
    marginAtHigh: s.unitCost === null ? at(m.high).margin : central.margin,
    se: central.se,
    costAssumed: s.unitCost === null,
  };
}

function postPositions(p: Prepared, last: number, postWeeks: number): number[] {
  const out: number[] = [];
  for (let w = last + 1; w <= last + postWeeks; w++) {
    const i = p.at.get(w);
    if (i === undefined || promotedAt(p.s, i)) break;
    out.push(i);
  }
  return out;
}

interface Sibling {
  x: Prepared;
  b: Baseline | null;
}

function costOf(s: WeeklySeries, i: number, rate: number): number {
  return s.unitCost ?? s.regular[i]! * (1 - rate);
}

function eventMargin(
  e: PromotionEvent,
  b: Baseline,
  post: readonly number[],
  siblings: readonly Sibling[],
  concurrent: Map<number, number>,
  rate: number,
) {
  const s = e.series;
  let margin = 0;
  let unitMargin = 0;
  for (let i = e.from; i <= e.to; i++) {
    const c = costOf(s, i, rate);
    margin += (s.price[i]! - c) * s.units[i]!;
    margin -= (s.regular[i]! - c) * b.unitsPerWeek;
    unitMargin += s.regular[i]! - c;
  }
  let dipUnits = 0;
  for (const i of post) {
    const change = s.units[i]! - b.unitsPerWeek;
    dipUnits += change;
    margin += (s.price[i]! - costOf(s, i, rate)) * change;
    unitMargin += s.regular[i]! - costOf(s, i, rate);
  }
  let cannibalUnits = 0;
  for (let i = e.from; i <= e.to; i++) {
    const w = s.week[i]!;
    const share = concurrent.get(w) ?? 1;
    for (const { x, b: sb } of siblings) {
      const j = x.at.get(w);
      if (!sb || j === undefined || promotedAt(x.s, j)) continue;
      const change = (x.s.units[j]! - sb.unitsPerWeek) / share;
      cannibalUnits += change;
      margin += (x.s.price[j]! - costOf(x.s, j, rate)) * change;
    }
  }
  // The event's own counterfactual is one draw of weekly noise per week, around a mean
  // known to sd/√n: se² = (L²/n + L)·sd² in units, priced at the mean unit margin.
  const L = e.to - e.from + 1 + post.length;
  const perUnit = unitMargin / L;
  const se = Math.abs(perUnit) * b.sd * Math.sqrt((L * L) / b.cleanWeeks + L);
  return { margin, dipUnits, cannibalUnits, se };
}

/** A window's summed margin over every store, and its standard error. */
export interface WindowImpact {
  margin: number;
  se: number;
  stores: number;
  incrementalUnits: number;
}

/**
 * What one SKU's weeks [from, to] (ISO days; a week counts when it overlaps them) earned over
 * every store of the prepared series, measured as an event would be: the planners' promotion settled
 * against its baseline, with its dip and cannibalisation.
 */
export function measureWindow(
  { groups, concurrent }: SiblingGroups,
  sku: string,
  from: string,
  to: string,
  o: EventOptions,
  m: MarginAssumption,
): WindowImpact {
  const lo = Date.parse(`${from}T00:00:00Z`);
  const hi = Date.parse(`${to}T00:00:00Z`) + 6 * 86_400_000;
  const out: WindowImpact = { margin: 0, se: 0, stores: 0, incrementalUnits: 0 };
  let variance = 0;
  for (const [key, members] of groups) {
    const counts = concurrent.get(key)!;
    for (const p of members) {
      if (p.s.sku !== sku) continue;
      const at = p.s.weekEnd
        .map((d, i) => [Date.parse(`${d}T00:00:00Z`), i] as const)
        .filter(([t]) => t >= lo && t - 6 * 86_400_000 <= hi)
        .map(([, i]) => i);
      if (at.length === 0) continue;
      const e: PromotionEvent = {
        series: p.s,
        from: at[0]!,
        to: at[at.length - 1]!,
        mechanic: "planned",
        depth: 0,
      };
      const r = measure(e, p, members, counts, o, m);
      if (!r) continue;
      out.stores++;
      out.margin += r.margin;
      out.incrementalUnits += r.incrementalUnits;
      variance += r.se ** 2;
    }
  }
  out.se = Math.sqrt(variance);
  return out;
}
