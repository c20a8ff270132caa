/**
 * Example: compose a different graph from the shipped node factories, node names and routers — a
 * "what would you do" dry run that perceives, forecasts and plans with a swapped reasoner, lets a
 * node of its own review the plan, checks the policy, and stops there (no approval, no execution).
 * Run: npx tsx examples/dry-run-graph.ts <db> <category> <market>
 */
import { END, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import {
  afterPlan,
  createDemandAgent,
  createInventoryAgent,
  createPromotionAgent,
  demandNode,
  inventoryNode,
  NODES,
  perceiveNode,
  policyNode,
  promotionNode,
  PromotionState,
  type Clock,
  type Db,
  type LoadedPolicy,
  type Perceiver,
  type PromotionStateValue,
  type Reasoner,
} from "../src/index.js";

/** This graph's own node: it sits between the planner and the policy, which the shipped routers allow. */
export const REVIEW_PLAN = "review_plan";

/**
 * Reviews the plan before the policy sees it: a proposal whose 80 % interval of incremental
 * margin reaches below `floor` is dropped, so the dry run only reports plans worth checking.
 */
export function reviewPlanNode(floor: number) {
  return (s: PromotionStateValue) => {
    const low = s.plan?.choice?.chosen?.prediction.interval80.incrementalMargin[0];
    if (!s.plan?.proposal || low === undefined || low >= floor) return {};
    const reason = `dry run: the plan's margin may fall to ${Math.round(low)} (< ${floor})`;
    return {
      plan: { ...s.plan, proposal: null },
      outcome: { status: "no_action" as const, reason },
    };
  };
}

export interface DryRunOptions {
  db: Db;
  clock: Clock;
  policy: LoadedPolicy;
  reasoner: Reasoner;
  perceiver?: Perceiver;
  /** Lowest 80 % bound of incremental margin a plan may have to be checked (default: no floor). */
  marginFloor?: number;
}

/** Builds the dry-run graph: forecast ∥ inventory → plan → review → policy → end. */
export function createDryRunGraph(o: DryRunOptions) {
  const noFindings: Perceiver = { perceive: async () => [] };
  // No targeting agent: every proposal goes to this graph's review, and "nothing planned" ends.
  const plan = afterPlan(null, { policy: REVIEW_PLAN, done: END });
  const review = (s: PromotionStateValue) => (s.plan?.proposal ? NODES.checkPolicy : END);
  return new StateGraph(PromotionState)
    .addNode(NODES.perceive, perceiveNode(o.perceiver ?? noFindings))
    .addNode(NODES.forecastDemand, demandNode(createDemandAgent(o)))
    .addNode(NODES.assessInventory, inventoryNode(createInventoryAgent(o)))
    .addNode(NODES.planPromotion, promotionNode(createPromotionAgent(o)))
    .addNode(REVIEW_PLAN, reviewPlanNode(o.marginFloor ?? -Infinity))
    .addNode(NODES.checkPolicy, policyNode({ ...o, reasonerName: o.reasoner.name }))
    .addEdge(START, NODES.perceive)
    .addEdge(NODES.perceive, NODES.forecastDemand)
    .addEdge(NODES.perceive, NODES.assessInventory)
    .addEdge([NODES.forecastDemand, NODES.assessInventory], NODES.planPromotion)
    .addConditionalEdges(NODES.planPromotion, plan, plan.ends)
    .addConditionalEdges(REVIEW_PLAN, review, [NODES.checkPolicy, END])
    .addEdge(NODES.checkPolicy, END)
    .compile({ checkpointer: new MemorySaver() });
}

const isMain = process.argv[1]?.endsWith("dry-run-graph.ts");
if (isMain) {
  const { openDb, fixedClock, loadPolicy, createOfflineReasoner } = await import("../src/index.js");
  const [dbPath = "./autopromo.db", category = "frozen", market = "UK"] = process.argv.slice(2);
  const db = openDb(dbPath);
  const graph = createDryRunGraph({
    db,
    clock: fixedClock("2026-11-23T12:00:00Z"),
    policy: loadPolicy(),
    reasoner: createOfflineReasoner(),
  });
  const out = await graph.invoke(
    { decisionId: "dry-run", scope: { category, market } },
    { configurable: { thread_id: "dry-run" } },
  );
  console.log(out.plan?.choice?.explanation);
  console.log(`policy: ${out.policy?.verdict ?? "(no proposal)"}`);
  db.close();
}
