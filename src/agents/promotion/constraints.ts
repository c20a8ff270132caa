import type { Finding } from "../../domain/findings.js";
import type { Scenario } from "../../domain/scenario.js";
import type { Policy } from "../../policies/index.js";
import type { InventoryView } from "../inventory/index.js";
import type { Screened } from "./select.js";
import type { PointPrediction } from "./simulate.js";
import { formatWhole } from "../../domain/format.js";

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
}

/** Reasons a scenario may not be chosen; empty when it may. */
export function violations(s: Scenario, p: PointPrediction, k: KnownConstraints): string[] {
  if (s.mechanic === "none") return [];
  const out: string[] = [];
  const supply = k.inventory.skus[s.sku];
  if (supply && !supply.promotable) out.push(`${s.sku} not promotable: ${supply.reason ?? "shortage"}`);
  if (k.findings.some((f) => f.kind === "demand_spike" && f.scope.sku === s.sku && f.scope.market === s.market)) out.push(`${s.sku} is spiking at regular price: no discount needed`);
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
  return items.map((x) => {
    const constraints = violations(x.scenario, x.prediction, k);
    return { ...x, feasible: constraints.length === 0, constraints };
  });
}
