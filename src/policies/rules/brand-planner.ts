import { addDays } from "../../domain/dates.js";
import type { PromotedPeriod } from "../../domain/planning.js";
import { proposalEndDate } from "../../domain/proposal.js";
import type { Scenario } from "../../domain/scenario.js";
import type { PlannerFacts, PlannerPrecheck } from "../planner.js";

/**
 * The brand rules' planner pre-checks, on the promoted periods the planner read. A screen is made
 * once a plan and asked for thousands of scenarios sharing a few dozen SKU × start × length
 * combinations, so each keeps its answers for the plan (SKU → start → weeks).
 */
type Memo<T> = Map<string, Map<string, T[]>>;

function memoised<T>(memo: Memo<T>, s: Scenario, find: () => T): T {
  let byStart = memo.get(s.sku);
  if (!byStart) memo.set(s.sku, (byStart = new Map()));
  let byWeeks = byStart.get(s.startDate);
  if (!byWeeks) byStart.set(s.startDate, (byWeeks = []));
  let hit = byWeeks[s.weeks];
  if (hit === undefined) byWeeks[s.weeks] = hit = find();
  return hit;
}

/**
 * A promoted period of the scenario's SKU within the brand gap of it: a function of its own, as a
 * closure over `s` in the function called for every screened scenario made V8 allocate a context
 * on each call.
 */
function promotedWithinGap(s: Scenario, k: PlannerFacts): PromotedPeriod | null {
  const gapDays = 7 * k.policy.brand.minWeeksBetweenPromotions;
  const latestFrom = addDays(proposalEndDate(s), gapDays);
  const earliestTo = addDays(s.startDate, -gapDays);
  return (
    k.promoted.find((x) => x.sku === s.sku && x.from <= latestFrom && x.to >= earliestTo) ?? null
  );
}

/** brand.min_gap: the SKU promoted less than the minimum gap before or after the scenario. */
export const minGapPrecheck: PlannerPrecheck = {
  stage: "calendar",
  screen(k) {
    const promotedSkus = new Set(k.promoted.map((x) => x.sku));
    const memo: Memo<PromotedPeriod | null> = new Map();
    const near = (s: Scenario) =>
      promotedSkus.has(s.sku) ? memoised(memo, s, () => promotedWithinGap(s, k)) : null;
    return {
      fails: (s) => near(s) !== null,
      reason: (s) => {
        const p = near(s)!;
        return `${s.sku} promoted ${p.from}–${p.to}: less than ${k.policy.brand.minWeeksBetweenPromotions} weeks from this one`;
      },
    };
  },
};

/** The most other SKUs of the category on promotion on one day of the scenario, over the max. */
function shareAbove(s: Scenario, k: PlannerFacts): boolean {
  // Without the category's SKUs its share cannot be counted: the policy node decides.
  if (k.categorySkus.length === 0) return false;
  const all = new Set([...k.categorySkus, s.sku]);
  const end = proposalEndDate(s);
  let worst = 0;
  for (let day = s.startDate; day <= end; day = addDays(day, 1)) {
    const on = new Set<string>();
    for (const x of k.promoted) if (x.sku !== s.sku && x.from <= day && x.to >= day) on.add(x.sku);
    worst = Math.max(worst, on.size);
  }
  return ((1 + worst) / all.size) * 100 > k.policy.brand.maxCategorySharePct;
}

/**
 * brand.category_share, counted as the policy node counts it: a proposal the policy would only
 * escalate, which an approver who says no turns into a lost week for the scope.
 */
export const categorySharePrecheck: PlannerPrecheck = {
  stage: "calendar",
  screen(k) {
    const promotedSkus = new Set(k.promoted.map((x) => x.sku));
    const memo: Memo<boolean> = new Map();
    return {
      fails: (s) => {
        const others = promotedSkus.size - (promotedSkus.has(s.sku) ? 1 : 0);
        return others > 0 && memoised(memo, s, () => shareAbove(s, k));
      },
      reason: (s) =>
        `${s.sku} with the category's SKUs already on promotion then: more than ${k.policy.brand.maxCategorySharePct} % of the category at once`,
    };
  },
};
