import { proposalEndDate } from "../../domain/proposal.js";
import type { PromotionProposal } from "../../domain/proposal.js";
import type { PolicyContext } from "../context/types.js";
import { daysBetween, eachDay, periodsTouched, quarterOf } from "../../domain/dates.js";
import type { PolicyRule, RuleOutcome } from "../types.js";
import { above, escalate, fmt, pass } from "../types.js";
import { categorySharePrecheck, minGapPrecheck } from "./brand-planner.js";

/**
 * Brand guardrails: promoting a SKU too often trains shoppers to wait for the deal and erodes
 * the regular price. History is every day a SKU sold on feature/display/TPR in the scope markets
 * plus every committed campaign; a partial week counts as a promoted week.
 */

function weeksPerQuarter(p: PromotionProposal, ctx: PolicyContext): RuleOutcome {
  const max = ctx.policy.brand.maxPromotedWeeksPerSkuPerQuarter;
  const mine = eachDay(p.startDate, proposalEndDate(p));
  let worst = { sku: "", quarter: "", weeks: -1, before: 0 };
  for (const q of periodsTouched(p.startDate, proposalEndDate(p), quarterOf)) {
    for (const sku of p.scope.skus) {
      const past = (ctx.promotedDays[sku] ?? []).filter((d) => d >= q.from && d <= q.to);
      const days = new Set([...past, ...mine.filter((d) => d >= q.from && d <= q.to)]);
      const weeks = Math.ceil(days.size / 7);
      if (weeks > worst.weeks)
        worst = { sku, quarter: q.key, weeks, before: Math.ceil(past.length / 7) };
    }
  }
  const text = `SKU ${worst.sku} promoted ${worst.weeks} weeks in ${worst.quarter} (${worst.before} already)`;
  return worst.weeks > max ? escalate(`${text} > max ${max}`) : pass(`${text} ≤ max ${max}`);
}

/**
 * A coupon stacked on a live price promotion of the same SKU (or a price promotion under a live
 * coupon) adds no promoted day while they overlap: the depth is judged combined
 * (integrity.mechanics); days outside the live campaign still count.
 */
function stackedOn(
  p: PromotionProposal,
  ctx: PolicyContext,
  sku: string,
): (day: string) => boolean {
  const coupon = p.mechanic === "coupon";
  const live = (ctx.verification?.livePromotions ?? []).filter(
    (l) => l.sku === sku && (l.mechanic === "coupon") !== coupon,
  );
  return (day) => live.some((l) => day >= l.from && day <= l.to);
}

function minGap(p: PromotionProposal, ctx: PolicyContext): RuleOutcome {
  const needDays = ctx.policy.brand.minWeeksBetweenPromotions * 7;
  const start = p.startDate;
  const end = proposalEndDate(p);
  let worst: { sku: string; gap: number; other: string } | undefined;
  for (const sku of p.scope.skus) {
    const days = ctx.promotedDays[sku] ?? [];
    const prev = days.filter((d) => d < start).at(-1);
    const next = days.find((d) => d > end);
    const stacked = stackedOn(p, ctx, sku);
    const during = days.find((d) => d >= start && d <= end && !stacked(d));
    const gaps = [
      ...(during ? [{ gap: -1, other: `already on promotion ${during}` }] : []),
      ...(prev ? [{ gap: daysBetween(prev, start) - 1, other: `last promoted ${prev}` }] : []),
      ...(next ? [{ gap: daysBetween(end, next) - 1, other: `next promoted ${next}` }] : []),
    ];
    for (const g of gaps) if (!worst || g.gap < worst.gap) worst = { sku, ...g };
  }
  if (!worst) return pass("no other promotion of these SKUs on record");
  const text = `SKU ${worst.sku} ${worst.other}: gap ${fmt(Math.max(worst.gap, 0) / 7)} weeks`;
  const need = `${fmt(needDays / 7)} weeks`;
  return worst.gap < needDays
    ? escalate(`${text} < minimum ${need}`)
    : pass(`${text} ≥ minimum ${need}`);
}

function categoryShare(p: PromotionProposal, ctx: PolicyContext): RuleOutcome {
  const max = ctx.policy.brand.maxCategorySharePct;
  if (ctx.categorySkus.length === 0)
    return escalate(
      `category ${p.scope.category} has no SKUs in the product table, so its share on promotion cannot be checked`,
    );
  const all = new Set([...ctx.categorySkus, ...p.scope.skus]);
  const others = [...all]
    .filter((s) => !p.scope.skus.includes(s))
    .map((s) => new Set(ctx.promotedDays[s] ?? []));
  let worst = { day: p.startDate, n: 0 };
  for (const day of eachDay(p.startDate, proposalEndDate(p))) {
    const n = p.scope.skus.length + others.filter((days) => days.has(day)).length;
    if (n > worst.n) worst = { day, n };
  }
  const share = (worst.n / all.size) * 100;
  const text = `${worst.n} of ${all.size} ${p.scope.category} SKUs on promotion on ${worst.day} = ${fmt(share)} %`;
  return above(share, max)
    ? escalate(`${text} > max ${fmt(max)} %`)
    : pass(`${text} ≤ max ${fmt(max)} %`);
}

export const brandRules: PolicyRule[] = [
  {
    id: "brand.weeks_per_quarter",
    builtin: false,
    summary: "promoted weeks per SKU per calendar quarter within the max",
    check: weeksPerQuarter,
  },
  {
    id: "brand.min_gap",
    builtin: false,
    summary: "minimum weeks between promotions of the same SKU",
    check: minGap,
    planner: minGapPrecheck,
  },
  {
    id: "brand.category_share",
    builtin: false,
    summary: "share of the category's SKUs on promotion at once within the max",
    check: categoryShare,
    planner: categorySharePrecheck,
  },
];
