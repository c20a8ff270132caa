import { runsIn } from "./campaign.js";
import type { CompetitorInput, CompetitorMove } from "./world-def.js";

/** The base competitor: answers last week's price cut on a SKU now and then, or cuts unprovoked. */
export function baseCompetitorMove(i: CompetitorInput): CompetitorMove | null {
  const provoked = i.campaigns.some(
    (x) => x.market === i.market && x.sku === i.sku && runsIn(x, i.week - 1) && x.depth > 0,
  );
  const chance = provoked ? i.truth.competitorReaction : i.truth.competitorPromoRate;
  if (!i.rng.chance(chance)) return null;
  return { cut: i.rng.pick([0.15, 0.2, 0.25]), weeks: i.rng.int(1, 2) };
}

/** A competitor's standing cut on one market × SKU. */
export interface CompetitorState {
  cut: number;
  weeksLeft: number;
}

/** One week of a competitor: its cut runs out, or, with none standing, it may move (`move`). */
export function advanceCompetitor(c: CompetitorState, move: () => CompetitorMove | null): void {
  if (c.weeksLeft > 0) c.weeksLeft--;
  if (c.weeksLeft === 0) c.cut = 0;
  if (c.cut > 0) return;
  const m = move();
  if (m && m.cut > 0 && m.weeks > 0) Object.assign(c, { cut: m.cut, weeksLeft: m.weeks });
}
