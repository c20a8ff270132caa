import type { DemandAgent } from "../../agents/demand/index.js";
import type { InventoryAgent } from "../../agents/inventory/index.js";
import type { PromotionAgent } from "../../agents/promotion/index.js";
import type { Finding } from "../../domain/findings.js";
import type { PromotionStateUpdate, PromotionStateValue } from "../state.js";

/** Anything that can report findings for a scope (the perception agent, or a stub in tests). */
export interface Perceiver {
  perceive(scope: { category?: string; market?: string }): Promise<Finding[]>;
}

/** How many scenarios the record keeps beside "no promotion". */
const KEEP = 10;

/** perceive: the findings for the scope. */
export const perceiveNode =
  (perceiver: Perceiver) =>
  async (s: PromotionStateValue): Promise<PromotionStateUpdate> => ({
    findings: await perceiver.perceive(s.scope),
  });

/** demand: baselines per SKU (runs in parallel with inventory). */
export const demandNode =
  (agent: DemandAgent) =>
  (s: PromotionStateValue): PromotionStateUpdate => ({
    demand: agent.forecast(s.scope, s.findings),
  });

/** inventory: cover, excess, shortages (runs in parallel with demand). */
export const inventoryNode =
  (agent: InventoryAgent) =>
  (s: PromotionStateValue): PromotionStateUpdate => ({
    inventory: agent.assess(s.scope),
  });

/** promotion: plan the scope within the limits of the last verdict, if any. */
export const promotionNode =
  (agent: PromotionAgent) =>
  async (s: PromotionStateValue): Promise<PromotionStateUpdate> => {
    const attempt = s.attempt + 1;
    const plan = await agent.plan({
      scope: s.scope,
      demand: s.demand!,
      inventory: s.inventory!,
      findings: s.findings,
      proposalId: `${s.decisionId}-a${attempt}`,
      limits: s.limits,
    });
    const none = plan.ranked.find((x) => x.scenario.mechanic === "none");
    const top = plan.ranked.slice(0, KEEP);
    if (none && !top.includes(none)) top.push(none);
    return {
      attempt,
      plan: {
        choice: plan.choice,
        top,
        considered: plan.choice.considered,
        proposal: plan.proposal,
        modelVersion: plan.modelVersion,
        usage: plan.usage,
        currency: plan.currency,
      },
      // A new plan has no audience until target_audience gives it one (an earlier attempt's must not stay).
      audience: null,
      ...(plan.proposal
        ? {}
        : { outcome: { status: "no_action" as const, reason: noPromotionReason(s) } }),
    };
  };

/**
 * Why nothing was promoted: SKUs with sales but no stock rows cannot be promoted, and a missing
 * inventory feed must be named rather than read as "nothing beats doing nothing".
 */
export function noPromotionReason(s: PromotionStateValue): string {
  const sold = Object.keys(s.demand?.skus ?? {});
  const stocked = new Set(Object.keys(s.inventory?.skus ?? {}));
  const without = sold.filter((k) => !stocked.has(k));
  const asOf = s.inventory?.asOf ?? s.demand?.asOf ?? "";
  if (sold.length > 0 && without.length === sold.length) {
    return (
      `no promotion: no inventory feed for ${s.scope.category} in ${s.scope.market} on or before ${asOf}, ` +
      "so no SKU has stock to promote (load one: autopromo ingest inventory <file>)"
    );
  }
  const missing = without.length
    ? `; ${without.length} of ${sold.length} SKUs have no stock rows (${without.slice(0, 5).join(", ")}${without.length > 5 ? ", …" : ""})`
    : "";
  return `no feasible promotion beats doing nothing${missing}`;
}
