import type { Policy } from "../../policies/index.js";
import { prepared, type Db } from "../../store/index.js";

/** Category budget left in the quarter of `date`: the plan's budget minus approved and launched spend. Infinity without a budget. */
export function categoryBudgetLeft(db: Db, policy: Policy, category: string, date: string): number {
  const budgets = policy.annualPlan.budgets;
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
  const key = `Q${q}` as "Q1" | "Q2" | "Q3" | "Q4";
  const budget = (budgets[category] ?? budgets["*"])?.[key];
  if (budget === undefined) return Number.POSITIVE_INFINITY;
  const year = date.slice(0, 4);
  const from = `${year}-${String((q - 1) * 3 + 1).padStart(2, "0")}-01`;
  const to = `${year}-${String(q * 3).padStart(2, "0")}-31`;
  const row = prepared(
    db,
    "SELECT ifnull(sum(amount), 0) AS spent FROM spend_commitments WHERE category = ? AND status IN ('approved', 'launched') AND start_date <= ? AND end_date >= ?",
  ).get(category, to, from) as { spent: number };
  return Math.max(0, budget - row.spent);
}
