import { proposalEndDate } from "../../domain/proposal.js";
import type { PromotionProposal } from "../../domain/proposal.js";
import type { PolicyContext } from "../context/types.js";
import { overlapDays, quarterOf } from "../../domain/dates.js";
import { byKey, idKey, keyIn } from "../normalise.js";
import type { PolicyRule, RuleOutcome } from "../types.js";
import { above, block, escalate, fmt, pass, withRevise } from "../types.js";
import { spendOf, type PlannerPrecheck } from "../planner.js";
import { capSpend } from "../revise.js";
import { formatWhole } from "../../domain/format.js";
import { periodLoads } from "./spend.js";

/**
 * The annual plan: category budgets per quarter (escalate to whoever owns the money when
 * exceeded or unplanned) and blackout windows (blocked). Focus windows and priorities guide the
 * promotion agent and `policy explain`; they are not checks.
 */

function categoryBudget(p: PromotionProposal, ctx: PolicyContext): RuleOutcome {
  const plan = ctx.policy.annualPlan;
  const cat = p.scope.category;
  if (Object.keys(plan.budgets).length === 0) return pass("no category budgets in the annual plan");
  const loads = periodLoads(p, ctx.commitments, quarterOf, (c) => idKey(c.category) === idKey(cat));
  const c = ctx.policy.currency;
  for (const l of loads) {
    const q = quarterOf(l.period.from);
    if (plan.year !== null && q.year !== plan.year)
      return escalate(`${l.period.key} is outside the annual plan year ${plan.year}`);
    const budget = (byKey(plan.budgets, cat) ?? plan.budgets["*"])?.[`Q${q.q}`];
    if (budget === undefined) return escalate(`no ${cat} budget planned for ${l.period.key}`);
    if (above(l.total, budget))
      return escalate(
        `${cat} ${l.period.key}: committed ${fmt(l.committed)} + this ${fmt(l.proposed)} = ${fmt(l.total)} ${c} > budget ${fmt(budget)} ${c}`,
      );
  }
  const [worst] = loads;
  return pass(
    worst
      ? `${cat} ${worst.period.key}: ${fmt(worst.total)} ${c} within budget`
      : "no quarter touched",
  );
}

function blackout(p: PromotionProposal, { policy }: PolicyContext): RuleOutcome {
  const end = proposalEndDate(p);
  const hit = policy.annualPlan.blackouts.find(
    (w) =>
      overlapDays(p.startDate, end, w.from, w.to) > 0 &&
      (!w.categories || keyIn(w.categories, p.scope.category)) &&
      (!w.markets || p.scope.markets.some((m) => keyIn(w.markets!, m))),
  );
  return hit
    ? block(`${p.startDate}–${end} overlaps blackout "${hit.name}" ${hit.from}–${hit.to}`)
    : pass(
        `${p.startDate}–${end} clear of ${policy.annualPlan.blackouts.length} blackout window(s)`,
      );
}

/** The planner's side of the budget: a scenario's spend within what the quarter has left. */
const budgetLeftPrecheck: PlannerPrecheck = {
  stage: "budget",
  screen: ({ budgetLeft }) => ({
    fails: (_s, p) => spendOf(p) > budgetLeft,
    reason: (_s, p) =>
      `spend ${formatWhole(spendOf(p))} > category budget left ${formatWhole(budgetLeft)}`,
  }),
};

/** A plan limit is a budget or a window: a block asks the next attempt to spend less. */
export const planRules: PolicyRule[] = withRevise(capSpend, [
  {
    id: "plan.category_budget",
    builtin: false,
    summary: "committed + proposed spend of the category within its quarterly budget",
    check: categoryBudget,
    planner: budgetLeftPrecheck,
  },
  {
    id: "plan.blackout",
    builtin: false,
    summary: "no promotion inside a blackout window",
    check: blackout,
  },
]);
