import { repeatLastYear, type WeekOutcome, type WorldCampaign } from "../../sim/market/index.js";
import { categoryMargin } from "./observed.js";
import { replayGoverned } from "./simple.js";
import type { Baseline, BaselineContext } from "./types.js";

/** Weeks before an event whose category margin is its baseline. */
const PRE_WEEKS = 4;

/**
 * What a retailer without holdouts can measure of a past event: the market's category margin in
 * the event's weeks and the week after (pull-forward), minus as many weeks of the mean category
 * margin of the 4 weeks before it, minus its media bill. A pre/post read: seasonality, other
 * events and competitors leak into it, as they do for a real category manager.
 */
export function measuredEventMargin(
  observed: readonly WeekOutcome[],
  c: WorldCampaign,
): number | null {
  const byWeek = new Map(observed.map((o) => [o.week, o]));
  const pre: number[] = [];
  for (let w = c.startWeek - PRE_WEEKS; w < c.startWeek; w++) {
    const o = byWeek.get(w);
    if (o) pre.push(categoryMargin(o, c.market, c.category));
  }
  if (pre.length === 0) return null;
  const base = pre.reduce((a, b) => a + b, 0) / pre.length;
  let gain = 0;
  let media = 0;
  for (let w = c.startWeek; w <= c.startWeek + c.weeks; w++) {
    const o = byWeek.get(w);
    if (!o) return null;
    gain += categoryMargin(o, c.market, c.category) - base;
    media += o.accruals.filter((a) => a.campaignId === c.id).reduce((n, a) => n + a.mediaCost, 0);
  }
  return gain - media;
}

/** Last year's calendar without the events that measurably lost money, under the same governance. */
export const prunedCalendar: Baseline = {
  name: "prunedCalendar",
  knowsTruth: false,
  plan: (ctx: BaselineContext) => {
    const kept = ctx.history.filter((c) => (measuredEventMargin(ctx.observed, c) ?? 0) >= 0);
    return replayGoverned(ctx, repeatLastYear(kept, ctx.pilotStart, ctx.pilotEnd));
  },
};
