import type { Finding } from "../../domain/findings.js";
import type { Scenario } from "../../domain/scenario.js";
import type { Policy } from "../../policies/index.js";
import type { InventoryView } from "../inventory/index.js";
import type { Screened } from "./select.js";
import type { PointPrediction } from "./simulate.js";
import { formatWhole } from "../../domain/format.js";
import { proposalEndDate } from "../../domain/proposal.js";
import { liveCommitments, promotedSalesPeriods } from "../../policies/context/reads.js";
import { addDays } from "../../domain/dates.js";
import type { Db } from "../../store/index.js";

/** Limits a blocked verdict names for the next attempt (depth caps, the lawful reference price …). */
export interface RevisionLimits {
  maxDepthPct?: number;
  referencePrice?: number;
  excludeMechanics?: string[];
  maxSpend?: number;
  excludeSkus?: string[];
}

/** What the agent knows before asking the policy: stock, supply, budget left, success thresholds, revise limits. */
export interface KnownConstraints {
  inventory: InventoryView;
  findings: readonly Finding[];
  policy: Policy;
  budgetLeft: number;
  limits: RevisionLimits;
  /** Periods the scope's SKUs are (or were) on promotion in its market: committed campaigns and promoted sales. */
  promoted?: readonly PromotedPeriod[];
}

export interface PromotedPeriod {
  sku: string;
  from: string;
  to: string;
}

/** Days either side of a scenario searched for other promotions of its SKUs (the brand gap is in weeks). */
const GAP_LOOKAROUND_DAYS = 120;

/**
 * Promotions of `skus` in `market` around `from`: approved or launched campaigns, and weeks sold on
 * promotion. A second campaign of a SKU already on promotion adds nothing (the shelf has one price),
 * so the forecast of such a scenario would be pure fiction.
 */
export function promotedPeriods(db: Db, market: string, skus: readonly string[], from: string): PromotedPeriod[] {
  const lo = addDays(from, -GAP_LOOKAROUND_DAYS);
  const hi = addDays(from, GAP_LOOKAROUND_DAYS);
  const out: PromotedPeriod[] = promotedSalesPeriods(db, [...skus], [market], lo, hi);
  for (const c of liveCommitments(db, "", lo, hi)) {
    if (!c.markets.includes(market)) continue;
    for (const sku of c.skus) if (skus.includes(sku)) out.push({ sku, from: c.startDate, to: c.endDate });
  }
  return out;
}

/** Reasons a scenario may not be chosen; empty when it may. */
export function violations(s: Scenario, p: PointPrediction, k: KnownConstraints): string[] {
  if (s.mechanic === "none") return [];
  const out: string[] = [];
  const supply = k.inventory.skus[s.sku];
  if (supply && !supply.promotable) out.push(`${s.sku} not promotable: ${supply.reason ?? "shortage"}`);
  if (k.findings.some((f) => f.kind === "demand_spike" && f.scope.sku === s.sku && f.scope.market === s.market)) out.push(`${s.sku} is spiking at regular price: no discount needed`);
  const gapDays = 7 * k.policy.brand.minWeeksBetweenPromotions;
  // Thousands of scenarios are screened: the window's two dates once per scenario, not per period.
  let near: PromotedPeriod | undefined;
  if (k.promoted?.some((x) => x.sku === s.sku)) {
    const latestFrom = addDays(proposalEndDate(s), gapDays);
    const earliestTo = addDays(s.startDate, -gapDays);
    near = k.promoted.find((x) => x.sku === s.sku && x.from <= latestFrom && x.to >= earliestTo);
  }
  if (near) out.push(`${s.sku} promoted ${near.from}–${near.to}: less than ${k.policy.brand.minWeeksBetweenPromotions} weeks from this one`);
  if (p.stockNeeded > p.stockAvailable) out.push(`needs ${formatWhole(p.stockNeeded)} units with safety margin, ${formatWhole(p.stockAvailable)} available`);
  const spend = p.discountCost + p.mediaCost;
  if (spend > k.budgetLeft) out.push(`spend ${formatWhole(spend)} > category budget left ${formatWhole(k.budgetLeft)}`);
  const success = k.policy.success;
  if (p.liftPct < success.minLiftPct) out.push(`lift ${p.liftPct.toFixed(1)} % < policy minimum ${success.minLiftPct} %`);
  if (p.incrementalMargin < success.minIncrementalMargin) out.push(`incremental margin ${formatWhole(p.incrementalMargin)} < policy minimum ${success.minIncrementalMargin}`);
  if (p.roi < success.minRoi) out.push(`ROI ${p.roi.toFixed(2)} < policy minimum ${success.minRoi}`);
  const l = k.limits;
  if (l.maxDepthPct !== undefined && s.depthPct > l.maxDepthPct) out.push(`depth ${s.depthPct} % > revision limit ${l.maxDepthPct} %`);
  if (l.excludeMechanics?.includes(s.mechanic)) out.push(`mechanic ${s.mechanic} excluded by the last verdict`);
  if (l.excludeSkus?.includes(s.sku)) out.push(`${s.sku} excluded by the last verdict`);
  if (l.maxSpend !== undefined && spend > l.maxSpend) out.push(`spend ${formatWhole(spend)} > revision limit ${formatWhole(l.maxSpend)}`);
  return out;
}

/** Marks each evaluated scenario feasible or not. */
export function applyConstraints<P extends PointPrediction>(items: { scenario: Scenario; prediction: P }[], k: KnownConstraints): Screened<P>[] {
  return items.map(({ scenario, prediction }) => {
    const constraints = violations(scenario, prediction, k);
    return { scenario, prediction, feasible: constraints.length === 0, constraints };
  });
}
