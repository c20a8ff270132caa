import { END, START, StateGraph, type BaseCheckpointSaver } from "@langchain/langgraph";
import { createDemandAgent } from "../agents/demand/index.js";
import { createInventoryAgent, type InventoryThresholds } from "../agents/inventory/index.js";
import { createPerceptionAgent } from "../agents/perception/index.js";
import {
  createPromotionAgent,
  type GridOptions,
  type MediaCosts,
  type PromotionAgentDeps,
} from "../agents/promotion/index.js";
import { createTargetingAgent, type TargetingAgentDeps } from "../agents/targeting/index.js";
import { createOfflineReasoner } from "../llm/offline.js";
import type { Reasoner } from "../llm/types.js";
import type { LoadedPolicy, PolicyRule } from "../policies/index.js";
import type { Clock } from "../domain/index.js";
import { inShadow, type Scope } from "../shadow/index.js";
import type { Db } from "../store/index.js";
import { sqliteCheckpointer } from "../checkpoint/index.js";
import { useLightRunContext } from "./run-context.js";
import {
  demandNode,
  inventoryNode,
  perceiveNode,
  promotionNode,
  type Perceiver,
} from "./nodes/agents.js";
import {
  awaitApprovalNode,
  executeNode,
  policyNode,
  recordNode,
  reviseNode,
} from "./nodes/governance.js";
import { targetingNode } from "./nodes/targeting.js";
import { PromotionState } from "./state.js";
import { afterApproval, afterPlan, afterPolicy, NODES } from "./wiring.js";

export interface PromotionGraphOptions {
  db: Db;
  clock: Clock;
  policy: LoadedPolicy;
  reasoner?: Reasoner;
  perceiver?: Perceiver;
  /** Default: the shipped SQLite saver on the same database connection (src/checkpoint/). */
  checkpointer?: BaseCheckpointSaver;
  /** Use the light run context (see run-context.ts, docs/durable-runs.md): process-wide, off by default. */
  lightRunContext?: boolean;
  /** Policy rules checked after the shipped ones (ids `custom.<name>`; see GovernanceDeps.rules). */
  rules?: readonly PolicyRule[];
  /** @deprecated the former name of `rules`. */
  extraRules?: readonly PolicyRule[];
  /** Attempts after a block before the run is recorded as blocked. */
  maxRevisions?: number;
  inventoryThresholds?: Partial<InventoryThresholds>;
  grid?: Partial<GridOptions>;
  media?: MediaCosts;
  /** Plan every scope in shadow mode (the policy's `shadow` names some or all scopes too). */
  shadow?: boolean;
  /** Contact costs, coupon depth and spend bound of the targeting agent. */
  targeting?: Pick<TargetingAgentDeps, "contactCosts" | "couponPct" | "maxSpend">;
  /** Called with every promotion plan (diagnostics: what the screen ruled out and why). */
  onPlan?: PromotionAgentDeps["onPlan"];
  /** How the promotion agent's stock screen counts stock (default `"market"`). */
  stockScreen?: PromotionAgentDeps["stockScreen"];
}

/**
 * Builds and compiles the promotion graph: perceive → (demand ∥ inventory) → promotion → [targeting] → policy →
 * execute | approval (interrupt) | revise (bounded) → record, checkpointed in SQLite.
 * @example const g = createPromotionGraph({ db, clock, policy: loadPolicy() }); await runScope(g, { category: "frozen", market: "UK" });
 */
export function createPromotionGraph(o: PromotionGraphOptions) {
  if (o.lightRunContext) useLightRunContext();
  const reasoner = o.reasoner ?? createOfflineReasoner();
  // Nodes write through the run's unit of work (src/checkpoint/port.ts), whatever the saver.
  const checkpointer = o.checkpointer ?? sqliteCheckpointer(o.db);
  const promotion = createPromotionAgent({
    db: o.db,
    clock: o.clock,
    policy: o.policy,
    reasoner,
    ...(o.grid ? { grid: o.grid } : {}),
    ...(o.media ? { media: o.media } : {}),
    ...(o.onPlan ? { onPlan: o.onPlan } : {}),
    ...(o.stockScreen ? { stockScreen: o.stockScreen } : {}),
    ...rulesOf(o),
  });
  const shadow = (scope: Scope) => inShadow(o.policy.policy.shadow, scope, o.shadow);
  const gov = {
    db: o.db,
    clock: o.clock,
    policy: o.policy,
    reasonerName: reasoner.name,
    liftFor: promotion.liftFor,
    shadow,
    ...rulesOf(o),
  };
  const perceiver = o.perceiver ?? createPerceptionAgent({ db: o.db, clock: o.clock });
  const targeting = createTargetingAgent({
    db: o.db,
    clock: o.clock,
    policy: o.policy,
    ...o.targeting,
  });
  const plan = afterPlan(targeting);
  const policy = afterPolicy(o.maxRevisions ?? 2);
  const graph = new StateGraph(PromotionState)
    .addNode(NODES.perceive, perceiveNode(perceiver))
    .addNode(NODES.forecastDemand, demandNode(createDemandAgent({ db: o.db, clock: o.clock })))
    .addNode(
      NODES.assessInventory,
      inventoryNode(
        createInventoryAgent({
          db: o.db,
          clock: o.clock,
          ...(o.inventoryThresholds ? { thresholds: o.inventoryThresholds } : {}),
        }),
      ),
    )
    .addNode(NODES.planPromotion, promotionNode(promotion))
    .addNode(NODES.targetAudience, targetingNode(targeting, o.db))
    .addNode(NODES.checkPolicy, policyNode(gov))
    .addNode(NODES.revise, reviseNode(gov))
    .addNode(NODES.awaitApproval, awaitApprovalNode(gov))
    .addNode(NODES.execute, executeNode(gov))
    .addNode(NODES.record, recordNode(gov))
    .addEdge(START, NODES.perceive)
    .addEdge(NODES.perceive, NODES.forecastDemand)
    .addEdge(NODES.perceive, NODES.assessInventory)
    .addEdge([NODES.forecastDemand, NODES.assessInventory], NODES.planPromotion)
    .addConditionalEdges(NODES.planPromotion, plan, plan.ends)
    .addEdge(NODES.targetAudience, NODES.checkPolicy)
    .addConditionalEdges(NODES.checkPolicy, policy, policy.ends)
    .addEdge(NODES.revise, NODES.planPromotion)
    .addConditionalEdges(NODES.awaitApproval, afterApproval, afterApproval.ends)
    .addEdge(NODES.execute, NODES.record)
    .addEdge(NODES.record, END);
  return graph.compile({ checkpointer });
}

export type PromotionGraph = ReturnType<typeof createPromotionGraph>;

/** The extra policy rules of the options, under either name. */
const rulesOf = (o: PromotionGraphOptions) => {
  const rules = [...(o.rules ?? []), ...(o.extraRules ?? [])];
  return rules.length ? { rules } : {};
};
