import { END, START, StateGraph, type BaseCheckpointSaver } from "@langchain/langgraph";
import { createDemandAgent } from "../agents/demand/index.js";
import { createInventoryAgent, type InventoryThresholds } from "../agents/inventory/index.js";
import { createPerceptionAgent } from "../agents/perception/index.js";
import { createPromotionAgent, type GridOptions, type MediaCosts } from "../agents/promotion/index.js";
import { createTargetingAgent, type TargetingAgentDeps } from "../agents/targeting/index.js";
import { createOfflineReasoner } from "../llm/offline.js";
import type { Reasoner } from "../llm/types.js";
import type { LoadedPolicy, PolicyRule } from "../policies/index.js";
import type { Clock } from "../domain/index.js";
import { inShadow, type Scope } from "../shadow/index.js";
import type { Db } from "../store/index.js";
import { SqliteCheckpointer } from "./checkpoint/index.js";
import { useLightRunContext } from "./run-context.js";
import { demandNode, inventoryNode, perceiveNode, promotionNode, type Perceiver } from "./nodes/agents.js";
import { awaitApprovalNode, executeNode, policyNode, recordNode, reviseNode } from "./nodes/governance.js";
import { targetingNode } from "./nodes/targeting.js";
import { PromotionState } from "./state.js";
import { afterApproval, afterPlan, afterPolicy } from "./wiring.js";

export interface PromotionGraphOptions {
  db: Db;
  clock: Clock;
  policy: LoadedPolicy;
  reasoner?: Reasoner;
  perceiver?: Perceiver;
  /** Default: a SqliteCheckpointer on the same database connection. */
  checkpointer?: BaseCheckpointSaver;
  /** Policy rules checked after the shipped ones (see GovernanceDeps.extraRules). */
  extraRules?: PolicyRule[];
  /** Attempts after a block before the run is recorded as blocked. */
  maxRevisions?: number;
  inventoryThresholds?: Partial<InventoryThresholds>;
  grid?: Partial<GridOptions>;
  media?: MediaCosts;
  /** Plan every scope in shadow mode (the policy's `shadow` names some or all scopes too). */
  shadow?: boolean;
  /** Contact costs, coupon depth and spend bound of the targeting agent. */
  targeting?: Pick<TargetingAgentDeps, "contactCosts" | "couponPct" | "maxSpend">;
}

/**
 * Builds and compiles the promotion graph: perceive → (demand ∥ inventory) → promotion → [targeting] → policy →
 * execute | approval (interrupt) | revise (bounded) → record, checkpointed in SQLite.
 * @example const g = createPromotionGraph({ db, clock, policy: loadPolicy() }); await runScope(g, { category: "frozen", market: "UK" });
 */
export function createPromotionGraph(o: PromotionGraphOptions) {
  useLightRunContext();
  const reasoner = o.reasoner ?? createOfflineReasoner();
  const checkpointer = o.checkpointer ?? new SqliteCheckpointer(o.db);
  // A node's writes commit with the checkpoints a grouped run holds (SqliteCheckpointer.grouped):
  // a run resumed after a crash then never re-runs a step that came before writes already made
  // (a policy check would see its own approval request), and a run costs fewer commits, each of
  // which also resets the page cache of every other connection to the file.
  const sqlite = checkpointer instanceof SqliteCheckpointer ? checkpointer : undefined;
  const commit = sqlite ? <T>(write: () => T) => sqlite.commitWith(write) : undefined;
  const promotion = createPromotionAgent({ db: o.db, clock: o.clock, policy: o.policy, reasoner, ...(o.grid ? { grid: o.grid } : {}), ...(o.media ? { media: o.media } : {}) });
  const shadow = (scope: Scope) => inShadow(o.policy.policy.shadow, scope, o.shadow);
  const gov = { db: o.db, clock: o.clock, policy: o.policy, reasonerName: reasoner.name, liftFor: promotion.liftFor, shadow, ...(o.extraRules ? { extraRules: o.extraRules } : {}), ...(sqlite ? { commit, commitLater: (write: () => void) => sqlite.commitLater(write) } : {}) };
  const perceiver = o.perceiver ?? createPerceptionAgent({ db: o.db, clock: o.clock });
  const targeting = createTargetingAgent({ db: o.db, clock: o.clock, policy: o.policy, ...o.targeting });
  const maxRevisions = o.maxRevisions ?? 2;
  const graph = new StateGraph(PromotionState)
    .addNode("perceive", perceiveNode(perceiver))
    .addNode("forecast_demand", demandNode(createDemandAgent({ db: o.db, clock: o.clock })))
    .addNode("assess_inventory", inventoryNode(createInventoryAgent({ db: o.db, clock: o.clock, ...(o.inventoryThresholds ? { thresholds: o.inventoryThresholds } : {}) })))
    .addNode("plan_promotion", promotionNode(promotion))
    .addNode("target_audience", targetingNode(targeting, o.db, commit))
    .addNode("check_policy", policyNode(gov))
    .addNode("revise", reviseNode())
    .addNode("await_approval", awaitApprovalNode(gov))
    .addNode("execute", executeNode(gov))
    .addNode("record", recordNode(gov))
    .addEdge(START, "perceive")
    .addEdge("perceive", "forecast_demand")
    .addEdge("perceive", "assess_inventory")
    .addEdge(["forecast_demand", "assess_inventory"], "plan_promotion")
    // Only a proposal with a targeted channel (e-mail, SMS, ads) needs an audience: the others skip a step.
    .addConditionalEdges("plan_promotion", afterPlan(targeting), ["target_audience", "check_policy", "record"])
    .addEdge("target_audience", "check_policy")
    .addConditionalEdges("check_policy", afterPolicy(maxRevisions), ["execute", "await_approval", "revise", "record"])
    .addEdge("revise", "plan_promotion")
    .addConditionalEdges("await_approval", afterApproval, ["record", "await_approval", "execute"])
    .addEdge("execute", "record")
    .addEdge("record", END);
  return graph.compile({ checkpointer });
}

export type PromotionGraph = ReturnType<typeof createPromotionGraph>;
