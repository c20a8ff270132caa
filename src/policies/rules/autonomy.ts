import { proposalSpend } from "../../domain/proposal.js";
import type { PromotionProposal } from "../../domain/proposal.js";
import type { PolicyContext } from "../context/types.js";
import { monthOf, weekOf } from "../../domain/dates.js";
import type { Period } from "../../domain/dates.js";
import { byKey, idKey } from "../normalise.js";
import type { PolicyRule, RuleOutcome } from "../types.js";
import { above, escalate, fmt, pass, withRevise } from "../types.js";
import { capSpend } from "../revise.js";
import { dayOf, periodLoads } from "./spend.js";

/**
 * Autonomy boundaries: inside them the agents act alone; outside, a person decides (escalate).
 * Spend caps count committed campaigns plus this one, each spread evenly over its days.
 */

function periodCap(label: string, cap: number, of: (iso: string) => Period) {
  return (p: PromotionProposal, ctx: PolicyContext): RuleOutcome => {
    const [worst] = periodLoads(p, ctx.commitments, of);
    if (!worst) return pass(`no ${label} touched`);
    const c = ctx.policy.currency;
    const text = `${label} ${worst.period.key}: committed ${fmt(worst.committed)} + this ${fmt(worst.proposed)} = ${fmt(worst.total)} ${c}`;
    return above(worst.total, cap)
      ? escalate(`${text} > cap ${fmt(cap)} ${c}`)
      : pass(`${text} ≤ cap ${fmt(cap)} ${c}`);
  };
}

function categoryCap(p: PromotionProposal, ctx: PolicyContext): RuleOutcome {
  const caps = ctx.policy.autonomy.maxSpendPerCategoryPerMonth;
  const cap = byKey(caps, p.scope.category) ?? caps["*"];
  if (cap === undefined) return pass(`no monthly cap for category ${p.scope.category}`);
  return periodCap(
    `category ${p.scope.category} month`,
    cap,
    monthOf,
  )(p, {
    ...ctx,
    commitments: ctx.commitments.filter((c) => idKey(c.category) === idKey(p.scope.category)),
  });
}

/** Every autonomy limit is about money or reach: a block asks the next attempt to spend less. */
export const autonomyRules: PolicyRule[] = withRevise(capSpend, [
  {
    id: "autonomy.spend_per_campaign",
    builtin: false,
    summary: "campaign spend (media + discount) within the per-campaign cap",
    check: (p, { policy }) => {
      const s = proposalSpend(p);
      const cap = policy.autonomy.maxSpendPerCampaign;
      return above(s, cap)
        ? escalate(
            `campaign spend ${fmt(s)} ${policy.currency} > cap ${fmt(cap)} ${policy.currency}`,
          )
        : pass(`campaign spend ${fmt(s)} ${policy.currency} ≤ cap ${fmt(cap)} ${policy.currency}`);
    },
  },
  {
    id: "autonomy.spend_per_day",
    builtin: false,
    summary: "committed + proposed spend on any day within the daily cap",
    check: (p, ctx) => periodCap("day", ctx.policy.autonomy.maxSpendPerDay, dayOf)(p, ctx),
  },
  {
    id: "autonomy.spend_per_week",
    builtin: false,
    summary: "committed + proposed spend in any ISO week within the weekly cap",
    check: (p, ctx) => periodCap("week", ctx.policy.autonomy.maxSpendPerWeek, weekOf)(p, ctx),
  },
  {
    id: "autonomy.spend_per_month",
    builtin: false,
    summary: "committed + proposed spend in any calendar month within the monthly cap",
    check: (p, ctx) => periodCap("month", ctx.policy.autonomy.maxSpendPerMonth, monthOf)(p, ctx),
  },
  {
    id: "autonomy.spend_per_category",
    builtin: false,
    summary: "committed + proposed spend of the category in any month within its cap",
    check: categoryCap,
  },
  {
    id: "autonomy.discount_depth",
    builtin: false,
    summary: "discount depth within the cap",
    check: (p, { policy }) => {
      const cap = policy.autonomy.maxDiscountPct;
      return above(p.discountPct, cap)
        ? escalate(`depth ${fmt(p.discountPct)} % > cap ${fmt(cap)} %`)
        : pass(`depth ${fmt(p.discountPct)} % ≤ cap ${fmt(cap)} %`);
    },
  },
  {
    id: "autonomy.margin_after_discount",
    builtin: false,
    summary: "unit margin at the promoted price at or above the minimum",
    check: (p, { policy }) => {
      const min = policy.autonomy.minMarginAfterDiscountPct;
      const margin = ((p.promoPrice - p.predicted.unitCost) / p.promoPrice) * 100;
      const text = `margin after discount ${fmt(margin)} % (price ${fmt(p.promoPrice)}, cost ${fmt(p.predicted.unitCost)})`;
      return margin + 1e-9 < min
        ? escalate(`${text} < minimum ${fmt(min)} %`)
        : pass(`${text} ≥ minimum ${fmt(min)} %`);
    },
  },
  {
    id: "autonomy.max_skus",
    builtin: false,
    summary: "number of SKUs within the cap",
    check: (p, { policy }) => {
      const n = p.scope.skus.length;
      const cap = policy.autonomy.maxSkusPerCampaign;
      return n > cap ? escalate(`${n} SKUs > cap ${cap}`) : pass(`${n} SKUs ≤ cap ${cap}`);
    },
  },
  {
    id: "autonomy.max_markets",
    builtin: false,
    summary: "number of markets within the cap",
    check: (p, { policy }) => {
      const n = p.scope.markets.length;
      const cap = policy.autonomy.maxMarketsPerCampaign;
      return n > cap ? escalate(`${n} markets > cap ${cap}`) : pass(`${n} markets ≤ cap ${cap}`);
    },
  },
]);
