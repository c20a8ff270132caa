import type { Mechanic } from "../../domain/proposal.js";
import type { WorldCampaign } from "../../sim/market/index.js";
import { Governor } from "./governor.js";
import { trueMargin, trueMedia, trueUnits } from "./true-margin.js";
import type { BaselineContext } from "./types.js";

/** The option grid of the season plan: coarser than the weekly bound's, so a season stays cheap. */
const DEPTHS = [0, 0.1, 0.2, 0.3];
const WEEKS = [1, 2, 3];
const MECHANICS: readonly Mechanic[] = ["tpr", "feature", "display", "feature_display"];
/** Options per SKU × start kept after the own-SKU screen (then valued on the whole category). */
const KEEP = 3;
/** Weeks after a campaign whose margin still counts (dip, memory, cannibalisation). */
const TAIL_WEEKS = 3;
/** Pre-pilot weeks whose campaigns can still reach a start (memory worlds look back 8). */
const MEMORY_WEEKS = 12;

/** One column of the season MIP: a campaign and its true gain when it runs alone. */
export interface HorizonOption {
  c: WorldCampaign;
  gain: number;
}

/** A campaign's true gain alone: category margin with minus without it, over its window, less media. */
function aloneGain(
  ctx: BaselineContext,
  c: WorldCampaign,
  skus: readonly string[],
  near: readonly WorldCampaign[],
  memo: Map<string, number>,
): number {
  const to = c.startWeek + c.weeks + TAIL_WEEKS;
  const key = `${skus.join(",")}|${c.startWeek}|${to}`;
  let without = memo.get(key);
  if (without === undefined)
    memo.set(key, (without = trueMargin(ctx.world, c.market, skus, c.startWeek, to, near)));
  const all = [...near, c];
  return (
    trueMargin(ctx.world, c.market, skus, c.startWeek, to, all) -
    without -
    trueMedia(ctx.world, c, all)
  );
}

/**
 * The season's columns of one market × category: for every SKU and pilot week, the options with
 * the best true gain run alone (the world's true response linearised per option), those > 0 only.
 */
export function horizonOptions(
  ctx: BaselineContext,
  market: string,
  category: string,
): HorizonOption[] {
  const w = ctx.world;
  const skus = w.skusByCategory[category] ?? [];
  const mechanics = MECHANICS.filter(
    (m) => !ctx.scope.mechanics || ctx.scope.mechanics.includes(m),
  );
  const out: HorizonOption[] = [];
  // Options the rules would stop on their own (depth, margin after discount, spend) never enter
  // the plan; a scratch governor keeps the player's verdict log clean.
  const rules = new Governor(w, ctx.policy, ctx.scope, ctx.governor.approveUpTo);
  for (let start = ctx.pilotStart; start < ctx.pilotEnd; start++) {
    const near = ctx.history.filter(
      (c) =>
        c.market === market &&
        c.startWeek + c.weeks >= start - MEMORY_WEEKS &&
        c.startWeek <= start + 4,
    );
    const memo = new Map<string, number>();
    for (const sku of skus) {
      const screened: HorizonOption[] = [];
      for (const mechanic of mechanics) {
        for (const depth of DEPTHS) {
          if (mechanic === "tpr" && depth === 0) continue;
          for (const weeks of WEEKS) {
            if (start + weeks > ctx.pilotEnd) continue;
            const c: WorldCampaign = {
              id: `mip-${market}-${sku}-${start}-${mechanic}-${depth}-${weeks}`,
              market,
              category,
              sku,
              mechanic,
              depth,
              startWeek: start,
              weeks,
              holdout: [],
              plannedLift: 1,
            };
            if (!rules.admits(c, near, trueUnits(w, c, [...near, c]))) continue;
            screened.push({ c, gain: aloneGain(ctx, c, [sku], near, memo) });
          }
        }
      }
      screened.sort((a, b) => b.gain - a.gain);
      for (const s of screened.slice(0, KEEP)) {
        const gain = aloneGain(ctx, s.c, skus, near, memo);
        if (gain > 0) out.push({ c: s.c, gain });
      }
    }
  }
  return out;
}
