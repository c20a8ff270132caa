import type { ContactTiming } from "../../domain/contact-timing.js";
import { addDays } from "../../domain/dates.js";

/** Factor on a contact's incremental response after `recent` campaigns in the 84 days before (never below 0). */
export function fatigueFactor(recent: number, t: ContactTiming): number {
  return Math.max(0, 1 - t.responseDropPerRecentCampaign * Math.max(0, recent));
}

/**
 * A shopper's fatigue factor relative to the experiment rows the uplift was fitted on: their
 * response already averages over the doses they had, so a shopper with the average fatigue keeps
 * the fitted uplift, a fresh one gets a little more, a tired one less.
 */
export function relativeFatigue(
  recent: number,
  experimentRows: Readonly<Record<string, number>>,
  t: ContactTiming,
): number {
  let n = 0;
  let sum = 0;
  for (const [dose, rows] of Object.entries(experimentRows)) {
    n += rows;
    sum += rows * fatigueFactor(Number(dose), t);
  }
  const base = n > 0 ? sum / n : 1;
  return base > 0 ? fatigueFactor(recent, t) / base : 1;
}

/** Share of a contact's response that falls inside the offer when `weeksLeft` offer weeks remain (the contact's week included). */
export function responseInside(weeksLeft: number, t: ContactTiming): number {
  const s = t.responseWeekShares;
  const total = s.reduce((a, b) => a + b, 0);
  let inside = 0;
  // The last share is "that week or later": it counts once the offer reaches that week.
  for (let w = 0; w < Math.min(s.length, weeksLeft); w++) inside += s[w]!;
  return inside / total;
}

/** One week the contact could go out in: its date and what share of the response it keeps. */
export interface CandidateWeek {
  /** 1 = at launch (the planning date); k = 7 (k − 1) days later. */
  week: number;
  sendDate: string;
  weeksLeft: number;
  /** Response kept relative to contacting at launch (1 for week 1). */
  scale: number;
}

/**
 * The contact weeks to compare for an offer of `offerWeeks` weeks planned on `asOf` (YYYY-MM-DD):
 * week k leaves offerWeeks − k + 1 weeks of the offer, and must leave at least
 * `minWeeksBeforeLastWeek` weeks after it; an offer too short for that allows week 1 only.
 */
export function candidateWeeks(
  asOf: string,
  offerWeeks: number,
  t: ContactTiming,
): CandidateWeek[] {
  const last = Math.max(1, Math.min(offerWeeks - t.minWeeksBeforeLastWeek, t.maxCandidateWeeks));
  const atLaunch = responseInside(offerWeeks, t);
  return Array.from({ length: last }, (_, i) => {
    const weeksLeft = offerWeeks - i;
    return {
      week: i + 1,
      sendDate: addDays(asOf, 7 * i),
      weeksLeft,
      scale: atLaunch > 0 ? responseInside(weeksLeft, t) / atLaunch : 1,
    };
  });
}
