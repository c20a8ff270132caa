import type { SupplyProjection } from "./projection.js";

/** Why supply fails a horizon: the plan itself is short, or the stock runs under its safety line. */
export type SupplyGapReason = "plan_below_demand" | "below_safety_stock";

/** Where a projected supply gap opens and how large it is. */
export interface SupplyGap {
  reasons: SupplyGapReason[];
  /** Index of the week the gap opens: the projection's first week under safety stock, else the plan's first short week. */
  opensAt: number;
  week: string;
  /**
   * Its size in units: how far the projection falls under safety stock at worst, or, when the
   * stock holds over the horizon, the demand the plan leaves unproduced (stock only postpones it).
   */
  units: number;
  /** Production over demand in the horizon's median week (promotion peaks do not hide a short plan). */
  planShare: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? 1 : n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
};

/**
 * Production over the demand it must meet, week by week (1 when nothing is demanded): the
 * projection's demand, or `reference` when the caller knows the rate better (see the rule).
 */
export function weeklyPlanShares(p: SupplyProjection, reference?: readonly number[]): number[] {
  return p.weeks.map((w, i) => {
    const need = reference?.[i] ?? w.demand;
    return need > 0 ? w.production / need : 1;
  });
}

/**
 * Judges a projection: a gap when the stock closes under its safety line inside the horizon, or
 * when the median week's production is under `minPlanShare` of demand (a plan that far short is a
 * shortfall however much stock now hides it); the plan is judged against `reference` when given,
 * else the projection's demand. Undefined when neither holds.
 * @example supplyGap(projectSupply(input), 0.7);
 */
export function supplyGap(
  p: SupplyProjection,
  minPlanShare: number,
  reference?: readonly number[],
): SupplyGap | undefined {
  const shares = weeklyPlanShares(p, reference);
  const planShare = median(shares);
  const reasons: SupplyGapReason[] = [];
  if (planShare < minPlanShare) reasons.push("plan_below_demand");
  if (p.belowSafetyAt !== undefined) reasons.push("below_safety_stock");
  if (reasons.length === 0) return undefined;
  const firstShort = shares.findIndex((s) => s < minPlanShare);
  const opensAt = p.belowSafetyAt ?? Math.max(0, firstShort);
  const unproduced = Math.max(0, p.demand - p.production);
  const units = p.belowSafetyAt !== undefined ? p.worstBelowSafety : unproduced;
  return { reasons, opensAt, week: p.weeks[opensAt]?.week ?? "", units, planShare };
}
