import { proposalEndDate, proposalSpend } from "../../domain/proposal.js";
import type { PromotionProposal } from "../../domain/proposal.js";
import type { Commitment } from "../context/types.js";
import {
  dayNumber,
  daysBetween,
  eachDay,
  overlapDays,
  periodsTouched,
} from "../../domain/dates.js";
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
export function committedIn(
  commitments: Commitment[],
  period: Period,
  keep: (c: Commitment) => boolean = () => true,
): number {
  return commitments
    .filter(keep)
    .reduce((s, c) => s + share(c.amount, c.startDate, c.endDate, period.from, period.to), 0);
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

/** A spend spread over from–to, with the day numbers its shares are computed from. */
interface Spread {
  amount: number;
  from: string;
  to: string;
  fromDay: number;
  toDay: number;
  days: number;
}

function spreadOf(amount: number, from: string, to: string): Spread {
  const fromDay = dayNumber(from);
  const toDay = dayNumber(to);
  return { amount, from, to, fromDay, toDay, days: toDay - fromDay + 1 };
}

/** `share` of a spread in a period: the same overlap (chosen by date, as overlapDays does) and the same arithmetic. */
function shareOf(s: Spread, pFrom: string, pFromDay: number, pTo: string, pToDay: number): number {
  // Plain conditionals, not [date, day] pairs: two arrays per commitment and period were most of a check's garbage.
  const startsLater = s.from > pFrom;
  const endsEarlier = s.to < pTo;
  const from = startsLater ? s.from : pFrom;
  const to = endsEarlier ? s.to : pTo;
  const fromDay = startsLater ? s.fromDay : pFromDay;
  const toDay = endsEarlier ? s.toDay : pToDay;
  return (s.amount * (from > to ? 0 : toDay - fromDay + 1)) / s.days;
}

/** Committed + proposed spend for each period (`of`) the proposal touches, heaviest first. */
export function periodLoads(
  p: PromotionProposal,
  commitments: Commitment[],
  of: (iso: string) => Period,
  keep?: (c: Commitment) => boolean,
): PeriodLoad[] {
  // A check weighs every committed campaign against every day, week and month the proposal touches:
  // each campaign's dates are turned into day numbers once, not once per period.
  const committedSpreads = commitments
    .filter(keep ?? (() => true))
    .map((c) => spreadOf(c.amount, c.startDate, c.endDate));
  const own = spreadOf(proposalSpend(p), p.startDate, proposalEndDate(p));
  return periodsTouched(p.startDate, proposalEndDate(p), of)
    .map((period) => {
      const pFromDay = dayNumber(period.from);
      const pToDay = dayNumber(period.to);
      let committed = 0;
      for (const s of committedSpreads)
        committed += shareOf(s, period.from, pFromDay, period.to, pToDay);
      const proposed = shareOf(own, period.from, pFromDay, period.to, pToDay);
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
