import type { Mechanic } from "../../domain/proposal.js";
import type { MarketWorld, WorldCampaign } from "../../sim/market/index.js";
import { inScope } from "../tally.js";
import { trueMargin, trueMedia, trueUnits } from "./true-margin.js";
import type { Baseline, BaselineContext } from "./types.js";

const DEPTHS = [0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5];
const WEEKS = [1, 2, 3, 4];
/** Weeks after a campaign's dip week whose margin still counts (memory, cannibalisation, slots). */
export const LOOKAHEAD_WEEKS = 3;
/** Later starts a candidate is compared with before it launches now. */
export const DEFER_WEEKS = 3;
/** Candidates screened on the own SKU before the whole category is evaluated. */
const SHORTLIST = 6;
/** Weeks before a start whose campaigns can still reach it (memory worlds look back 8). */
const MEMORY_WEEKS = 12;

/** A candidate and its true gain. */
interface Scored {
  c: WorldCampaign;
  gain: number;
}

/** Margins without the candidate, by SKUs and window: shared by every candidate of one decision. */
type Memo = Map<string, number>;

/** A candidate's true gain: category margin with it minus without it, over its window, less media. */
function gain(
  world: MarketWorld,
  c: WorldCampaign,
  near: readonly WorldCampaign[],
  skus: readonly string[],
  memo: Memo,
): number {
  const to = c.startWeek + c.weeks + LOOKAHEAD_WEEKS;
  const all = [...near, c];
  const key = `${skus.join(",")}|${c.startWeek}|${to}`;
  let without = memo.get(key);
  if (without === undefined)
    memo.set(key, (without = trueMargin(world, c.market, skus, c.startWeek, to, near)));
  return (
    trueMargin(world, c.market, skus, c.startWeek, to, all) - without - trueMedia(world, c, all)
  );
}

function candidates(
  ctx: BaselineContext,
  market: string,
  category: string,
  sku: string,
  start: number,
): WorldCampaign[] {
  const mechanics = (
    ctx.scope.mechanics ?? ["tpr", "feature", "display", "feature_display"]
  ).filter((m): m is Mechanic => ["tpr", "feature", "display", "feature_display"].includes(m));
  const out: WorldCampaign[] = [];
  for (const mechanic of mechanics) {
    for (const depth of DEPTHS) {
      if (mechanic === "tpr" && depth === 0) continue;
      for (const weeks of WEEKS)
        out.push({
          id: `ub-${market}-${sku}-${start}`,
          market,
          category,
          sku,
          mechanic,
          depth,
          startWeek: start,
          weeks,
          holdout: [],
          plannedLift: 1,
        });
    }
  }
  return out;
}

/** Candidates for one SKU starting at `start` with a positive gain, best first (screened on the own SKU). */
function ranked(
  ctx: BaselineContext,
  sku: string,
  market: string,
  category: string,
  start: number,
  near: readonly WorldCampaign[],
  memo: Memo,
): Scored[] {
  const w = ctx.world;
  const skus = w.skusByCategory[category] ?? [];
  return candidates(ctx, market, category, sku, start)
    .map((c) => ({ c, gain: gain(w, c, near, [sku], memo) }))
    .sort((a, b) => b.gain - a.gain)
    .slice(0, SHORTLIST)
    .map((s) => ({ c: s.c, gain: gain(w, s.c, near, skus, memo) }))
    .filter((s) => s.gain > 0)
    .sort((a, b) => b.gain - a.gain);
}

/** Units a market can sell of a SKU over `weeks`: its stock now plus its share of the plant's output. */
function supplyFor(world: MarketWorld, market: string, sku: string, weeks: number): number {
  return (
    world.stockOf(market, sku) + (weeks * (world.capacity[sku] ?? 0)) / world.spec.markets.length
  );
}

/** Each free SKU's best feasible candidate of a market × category, not deferred, best first. */
function proposals(
  ctx: BaselineContext,
  market: string,
  category: string,
  start: number,
  committed: readonly WorldCampaign[],
): (Scored & { units: number })[] {
  const gap = ctx.policy.brand.minWeeksBetweenPromotions;
  const skus = ctx.world.skusByCategory[category] ?? [];
  const near = committed.filter(
    (c) => c.market === market && c.startWeek + c.weeks >= start - MEMORY_WEEKS,
  );
  const out: (Scored & { units: number })[] = [];
  for (const sku of skus) {
    if (
      committed.some(
        (c) =>
          c.sku === sku &&
          c.market === market &&
          c.startWeek >= ctx.pilotStart &&
          c.startWeek + c.weeks + gap > start,
      )
    )
      continue;
    const memo: Memo = new Map();
    for (const best of ranked(ctx, sku, market, category, start, near, memo)) {
      const units = trueUnits(ctx.world, best.c, [...near, best.c]);
      if (
        units * (1 + ctx.policy.supply.safetyMarginPct / 100) >
        supplyFor(ctx.world, market, sku, best.c.weeks)
      )
        continue;
      const cycle = (k: number) => k + best.c.weeks + gap;
      const later = Array.from({ length: DEFER_WEEKS }, (_, i) => i + 1).some(
        (k) =>
          gain(ctx.world, { ...best.c, startWeek: start + k }, near, skus, memo) / cycle(k) >
          best.gain / cycle(0),
      );
      const c = { ...best.c, plannedLift: units / Math.max(1, trueUnits(ctx.world, best.c, near)) };
      if (!later) out.push({ c, gain: best.gain, units });
      break;
    }
  }
  return out.sort((a, b) => b.gain - a.gain);
}

/**
 * The upper bound: the same action space (mechanic × depth × weeks, any in-scope SKU) and the same
 * governance as everyone, optimised with the world's TRUE expected response (its expected-demand
 * function, so any `--world FILE` works). Each free SKU's best campaign is found; the category's
 * are admitted best first, each re-valued against those admitted before it (so when the rules
 * allow one SKU at a time, it is the best one). A campaign's value counts its dip and 3 more
 * weeks; it waits when starting up to 3 weeks later earns more per week of the SKU's promotion
 * cycle. Never a fair competitor: it reads the truth.
 */
export const upperBound: Baseline = {
  name: "upperBound",
  knowsTruth: true,
  decide: (ctx: BaselineContext) => {
    const out: WorldCampaign[] = [];
    const start = ctx.week + 1;
    for (const m of ctx.world.spec.markets) {
      for (const cat of ctx.world.spec.categories) {
        if (!inScope(ctx.scope, m.id, cat.name)) continue;
        const skus = ctx.world.skusByCategory[cat.name] ?? [];
        for (const p of proposals(ctx, m.id, cat.name, start, [...ctx.history, ...ctx.own])) {
          const committed = [...ctx.history, ...ctx.own, ...out];
          const near = committed.filter(
            (c) => c.market === m.id && c.startWeek + c.weeks >= start - MEMORY_WEEKS,
          );
          // A sibling admitted first changes this one's worth (cannibalisation, slots).
          if (out.length > 0 && gain(ctx.world, p.c, near, skus, new Map()) <= 0) continue;
          if (ctx.governor.admits(p.c, committed, p.units)) out.push(p.c);
        }
      }
    }
    return out;
  },
};
