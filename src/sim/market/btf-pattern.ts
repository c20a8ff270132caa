import raw from "./btf-pattern.json" with { type: "json" };
import {
  btfPatternSchema,
  DEPTH_LEVELS,
  type BtfPattern,
  type CategoryPattern,
} from "./btf-pattern-schema.js";
import { classify, MomentCounter } from "./btf-moments.js";
import { hasDisplay, hasFeature, runsIn, type WorldCampaign } from "./campaign.js";
import type { MarketWorldSpec } from "./spec.js";
import type { WeekOutcome } from "./world.js";

/** The shipped BTF promotion pattern (src/sim/market/btf-pattern.json, from `btfMoments`), validated. */
export function shippedPattern(): BtfPattern {
  return btfPatternSchema.parse(raw);
}

/** A depth drawn from a category's quantiles (`u` uniform in [0, 1)), linear between levels. */
export function depthAt(p: CategoryPattern, u: number): number {
  const q = p.depthQuantiles;
  const lv = DEPTH_LEVELS;
  if (u <= lv[0]) return q[0]!;
  for (let i = 1; i < lv.length; i++) {
    if (u <= lv[i]!)
      return q[i - 1]! + ((q[i]! - q[i - 1]!) * (u - lv[i - 1]!)) / (lv[i]! - lv[i - 1]!);
  }
  return q[q.length - 1]!;
}

/** The same moments as `btfMoments`, measured on a simulated history's observed cells. */
export function historyMoments(outcomes: readonly WeekOutcome[]): Record<string, CategoryPattern> {
  const counters = new Map<string, MomentCounter>();
  const last = new Map<string, number>();
  for (const o of outcomes) {
    for (const c of o.cells) {
      const cut = c.price < c.regularPrice;
      const p = classify(
        c.feature,
        c.display,
        cut && !c.feature && !c.display,
        c.price,
        c.regularPrice,
      );
      const key = `${c.store}|${c.sku}`;
      const starts = p !== null && last.get(key) !== o.week - 1;
      if (p) last.set(key, o.week);
      if (!counters.has(c.category)) counters.set(c.category, new MomentCounter());
      counters.get(c.category)!.add(p, starts);
    }
  }
  return Object.fromEntries([...counters.entries()].map(([k, m]) => [k, m.pattern()]));
}

/** The moments of a calendar itself over weeks [from, to): every market × SKU × week is a row. */
export function calendarMoments(
  campaigns: readonly WorldCampaign[],
  spec: MarketWorldSpec,
  from: number,
  to: number,
): Record<string, CategoryPattern> {
  const out: Record<string, CategoryPattern> = {};
  for (const cat of spec.categories) {
    const k = new MomentCounter();
    for (const m of spec.markets) {
      for (const s of cat.skus) {
        const mine = campaigns.filter((c) => c.market === m.id && c.sku === s.sku);
        let prev = false;
        for (let w = from; w < to; w++) {
          const c = mine.find((x) => runsIn(x, w));
          const p = c
            ? classify(
                hasFeature(c.mechanic),
                hasDisplay(c.mechanic),
                c.mechanic === "tpr",
                1 - c.depth,
                1,
              )
            : null;
          k.add(p, p !== null && !prev);
          prev = p !== null;
        }
      }
    }
    out[cat.name] = k.pattern();
  }
  return out;
}
