import { runsIn } from "./campaign.js";
import type { CompetitorInput, CompetitorMove } from "./world-def.js";

/** The base competitor: answers last week's price cut on a SKU now and then, or cuts unprovoked. */
export function baseCompetitorMove(i: CompetitorInput): CompetitorMove | null {
  const provoked = i.campaigns.some((x) => x.market === i.market && x.sku === i.sku && runsIn(x, i.week - 1) && x.depth > 0);
  const chance = provoked ? i.truth.competitorReaction : i.truth.competitorPromoRate;
  if (!i.rng.chance(chance)) return null;
  return { cut: i.rng.pick([0.15, 0.2, 0.25]), weeks: i.rng.int(1, 2) };
}
