import { proposalEndDate, proposalSpend } from "../../domain/proposal.js";
import type { PromotionProposal } from "../../domain/proposal.js";
import type { Commitment } from "../context/types.js";
import { daysBetween, eachDay, overlapDays, periodsTouched } from "../../domain/dates.js";
import type { Period } from "../../domain/dates.js";

/**
 * Spend accounting for caps and budgets. A campaign's spend is spread evenly over its days, so a
 * four-week campaign weighs on each week it runs rather than landing on its start date.
 */

function share(amount: number, from: string, to: string, pFrom: string, pTo: string): number {
  const days = daysBetween(from, to) + 1;
  return (amount * overlapDays(from, to, pFrom, pTo)) / days;
}

/** Committed spend falling in a period, from commitments passing `keep`. */
export function committedIn(commitments: Commitment[], period: Period, keep: (c: Commitment) => boolean = () => true): number {
  return commitments.filter(keep).reduce((s, c) => s + share(c.amount, c.startDate, c.endDate, period.from, period.to), 0);
}

/** The proposal's own spend falling in a period. */
export function proposedIn(p: PromotionProposal, period: Period): number {
  return share(proposalSpend(p), p.startDate, proposalEndDate(p), period.from, period.to);
}

export interface PeriodLoad {
  period: Period;
  committed: number;
  proposed: number;
  total: number;
}

/** Committed + proposed spend for each period (`of`) the proposal touches, heaviest first. */
export function periodLoads(p: PromotionProposal, commitments: Commitment[], of: (iso: string) => Period, keep?: (c: Commitment) => boolean): PeriodLoad[] {
  return periodsTouched(p.startDate, proposalEndDate(p), of)
    .map((period) => {
      const committed = committedIn(commitments, period, keep);
      const proposed = proposedIn(p, period);
      return { period, committed, proposed, total: committed + proposed };
    })
    .sort((a, b) => b.total - a.total);
}

/** The single day period for `iso`. */
export function dayOf(iso: string): Period {
  return { key: iso, from: iso, to: iso };
}

/** Every day of the proposal. */
export function proposalDays(p: PromotionProposal): string[] {
  return eachDay(p.startDate, proposalEndDate(p));
}
