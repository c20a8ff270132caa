import type { AudienceTiming } from "../../domain/audience.js";
import type { ContactTiming } from "../../domain/contact-timing.js";
import type { TargetingDecision } from "../../models/targeting/index.js";
import type { ShopperView } from "../../store/shoppers/index.js";
import { candidateWeeks, relativeFatigue, responseInside, type CandidateWeek } from "./timing.js";

/** What one trial week hands to the decision: who as of then, and how much response each keeps. */
export interface WeekInput {
  shoppers: ShopperView[];
  responseFactor: (s: ShopperView) => number;
}

/** A decision for one week, with the expected incremental margin it earns. */
export interface WeekPlan {
  decision: TargetingDecision;
  margin: number;
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const pct = (x: number) => `${Math.round(100 * x)} %`;

/**
 * Choose the week the contact goes out: each candidate week (launch, then weekly, leaving at least
 * `minWeeksBeforeLastWeek` weeks of the offer after it) is decided in full, with every shopper's
 * incremental response scaled by the response weeks still inside the offer and by fatigue from
 * their recent campaigns; the week with the most expected incremental margin wins, the earlier
 * one on a tie. Every week keeps today's weekly caps: the channels send an audience with the
 * campaign's launch batch, so freeing a shopper at the cap now for a later week would make the
 * frequency claim the policy checks untrue.
 */
export function planContactWeek<T extends WeekPlan>(input: {
  asOf: Date;
  offerWeeks: number;
  shoppers: readonly ShopperView[];
  timing: ContactTiming;
  /** Experiment rows by their shoppers' recent campaigns (the uplift model's `recentCampaignRows`). */
  experimentRows: Readonly<Record<string, number>>;
  decide: (w: WeekInput) => T;
}): { chosen: T; shoppers: ShopperView[]; record: AudienceTiming } {
  const t = input.timing;
  const fatigue = (s: ShopperView) => relativeFatigue(s.recentCampaigns, input.experimentRows, t);
  const weeks = candidateWeeks(input.asOf.toISOString().slice(0, 10), input.offerWeeks, t);
  const shoppers = [...input.shoppers];
  const tried = weeks.map((w) => {
    const plan = input.decide({
      shoppers,
      responseFactor: (s) => w.scale * fatigue(s),
    });
    return { w, plan };
  });
  const best = tried.reduce((a, b) => (b.plan.margin > a.plan.margin + 1e-9 ? b : a));
  const byId = new Map(shoppers.map((s) => [s.id, s]));
  const contacted = best.plan.decision.decisions
    .filter((x) => x.action !== "no_contact")
    .map((x) => byId.get(x.shopperId)!);
  const factors = contacted.map(fatigue);
  const record: AudienceTiming = {
    contactWeek: best.w.week,
    sendDate: best.w.sendDate,
    offerWeeksLeft: best.w.weeksLeft,
    why: whyWeek(best.w, tried.length, input.offerWeeks, t),
    candidates: tried.map(({ w, plan }) => ({
      week: w.week,
      sendDate: w.sendDate,
      responseKept: r2(w.scale),
      contacts: plan.decision.decisions.filter((x) => x.action !== "no_contact").length,
      expectedIncrementalMargin: r2(plan.margin),
    })),
    fatigue: {
      responseDropPerRecentCampaign: t.responseDropPerRecentCampaign,
      experimentMeanFactor: r2(relativeFatigue(0, input.experimentRows, t) ** -1),
      contactedWithRecentCampaigns: contacted.filter((s) => s.recentCampaigns > 0).length,
      meanFactorContacted: factors.length
        ? r2(factors.reduce((a, b) => a + b, 0) / factors.length)
        : 1,
    },
  };
  return { chosen: best.plan, shoppers, record };
}

function whyWeek(w: CandidateWeek, compared: number, offerWeeks: number, t: ContactTiming): string {
  const inside = pct(responseInside(w.weeksLeft, t));
  if (compared === 1)
    return offerWeeks - t.minWeeksBeforeLastWeek < 1
      ? `the offer runs ${offerWeeks} week${offerWeeks > 1 ? "s" : ""}, too short to contact ${t.minWeeksBeforeLastWeek} weeks before its last week: the contact goes out at launch (${inside} of a contact's response falls inside the offer)`
      : `the contact goes out at launch (${inside} of its response falls inside the offer)`;
  const when = w.week === 1 ? "at launch" : `in week ${w.week} (${w.sendDate})`;
  return `of ${compared} contact weeks compared, sending ${when} earns the most expected incremental margin: ${inside} of a contact's response falls inside the offer`;
}
