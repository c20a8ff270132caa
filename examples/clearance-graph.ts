/**
 * Example: a new graph from the shipped pieces — a clearance agent marks down the SKU with the most
 * excess stock, then the policy node, approval by interrupt, execute and record. Approve a paused
 * run with Command({ resume: { decision: "approve" } }) and configurable.approver { name, role }.
 */
import { END, START, StateGraph } from "@langchain/langgraph";
import {
  afterApproval,
  afterPlan,
  afterPolicy,
  awaitApprovalNode,
  createInventoryAgent,
  executeNode,
  NODES,
  policyNode,
  promoPricing,
  PromotionState,
  recordNode,
  shelfPrice,
  SqliteCheckpointer,
  type GovernanceDeps,
  type PromotionStateValue,
} from "../src/index.js";

/** The clearance agent: a 10 % markdown for two weeks on the SKU with the most excess stock. */
export function clearanceNode(d: GovernanceDeps) {
  return (s: PromotionStateValue) => {
    const view = createInventoryAgent({ db: d.db, clock: d.clock }).assess(s.scope);
    const sku = Object.values(view.skus)
      .filter((x) => x.promotable && x.excessUnits > 0)
      .sort((a, b) => b.excessUnits - a.excessUnits)[0];
    if (!sku)
      return {
        plan: { proposal: null },
        outcome: { status: "no_action" as const, reason: "no excess stock" },
      };
    const price = shelfPrice(d.db, sku.sku, s.scope.market, view.asOf);
    const { promoPrice, discountPct } = promoPricing(price.regularPrice, { discountPct: 10 });
    const baseline = sku.weeklySales * 2;
    const extra = Math.min(sku.excessUnits, baseline * 0.5);
    // Claims the policy can check against the store's price and cost (a write-off saving is not).
    const cost = price.unitCost ?? 0;
    const margin = extra * (promoPrice - cost) - baseline * (price.regularPrice - promoPrice);
    const spend = baseline * (price.regularPrice - promoPrice);
    const start = new Date(d.clock.now().getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    return {
      attempt: s.attempt + 1,
      plan: {
        currency: price.currency,
        proposal: {
          id: `${s.decisionId}-clear`,
          scope: { skus: [sku.sku], category: s.scope.category, markets: [s.scope.market] },
          mechanic: "tpr" as const,
          regularPrice: price.regularPrice,
          promoPrice,
          discountPct,
          startDate: start,
          weeks: 2,
          channels: ["store" as const],
          budget: { media: 0, discount: spend },
          predicted: {
            baselineUnits: baseline,
            incrementalUnits: extra,
            liftPct: (extra / baseline) * 100,
            incrementalMargin: margin,
            roi: spend ? margin / spend : 0,
            unitCost: cost,
            totalUnits: baseline + extra,
          },
        },
      },
    };
  };
}

/** clearance → policy → (approval by interrupt) → execute → record, checkpointed in the database. */
/** This graph's own planner, in place of the shipped plan_promotion. */
export const CLEARANCE = "clearance";

export function createClearanceGraph(deps: GovernanceDeps) {
  // Its units are a rule of thumb, not the lift model's: the policy then escalates them to a person.
  const d: GovernanceDeps = {
    predictorFor: () => ({
      predict: () => ({ unavailable: "the clearance agent's units are a rule of thumb" }),
    }),
    ...deps,
  };
  // The shipped routers; a graph without a revise step records a blocked run at once.
  const plan = afterPlan(null, { done: NODES.record });
  const policy = afterPolicy(0, { revise: NODES.record });
  return new StateGraph(PromotionState)
    .addNode(CLEARANCE, clearanceNode(d))
    .addNode(NODES.checkPolicy, policyNode(d))
    .addNode(NODES.awaitApproval, awaitApprovalNode(d))
    .addNode(NODES.execute, executeNode(d))
    .addNode(NODES.record, recordNode(d))
    .addEdge(START, CLEARANCE)
    .addConditionalEdges(CLEARANCE, plan, plan.ends)
    .addConditionalEdges(NODES.checkPolicy, policy, policy.ends)
    .addConditionalEdges(NODES.awaitApproval, afterApproval, afterApproval.ends)
    .addEdge(NODES.execute, NODES.record)
    .addEdge(NODES.record, END)
    .compile({ checkpointer: new SqliteCheckpointer(d.db) });
}
