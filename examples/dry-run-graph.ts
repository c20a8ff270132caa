/**
 * Example: compose a different graph from the shipped node factories — a "what would you do" dry
 * run that perceives, forecasts and plans with a swapped reasoner, checks the policy, and stops
 * there (no approval, no execution). Run: npx tsx examples/dry-run-graph.ts <db> <category> <market>
 */
import { END, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import {
  createDemandAgent,
  createInventoryAgent,
  createPromotionAgent,
  demandNode,
  inventoryNode,
  policyNode,
  promotionNode,
  PromotionState,
  type Clock,
  type Db,
  type LoadedPolicy,
  type Perceiver,
  type Reasoner,
} from "../src/index.js";

/** Builds the dry-run graph: forecast ∥ inventory → plan → policy → end. */
export function createDryRunGraph(o: { db: Db; clock: Clock; policy: LoadedPolicy; reasoner: Reasoner; perceiver?: Perceiver }) {
  const noFindings: Perceiver = { perceive: async () => [] };
  const perceiver = o.perceiver ?? noFindings;
  return new StateGraph(PromotionState)
    .addNode("perceive", async (s) => ({ findings: await perceiver.perceive(s.scope) }))
    .addNode("forecast_demand", demandNode(createDemandAgent({ db: o.db, clock: o.clock })))
    .addNode("assess_inventory", inventoryNode(createInventoryAgent({ db: o.db, clock: o.clock })))
    .addNode("plan_promotion", promotionNode(createPromotionAgent({ db: o.db, clock: o.clock, policy: o.policy, reasoner: o.reasoner })))
    .addNode("check_policy", policyNode({ db: o.db, clock: o.clock, policy: o.policy, reasonerName: o.reasoner.name }))
    .addEdge(START, "perceive")
    .addEdge("perceive", "forecast_demand")
    .addEdge("perceive", "assess_inventory")
    .addEdge(["forecast_demand", "assess_inventory"], "plan_promotion")
    .addConditionalEdges("plan_promotion", (s) => (s.plan?.proposal ? "check_policy" : END), ["check_policy", END])
    .addEdge("check_policy", END)
    .compile({ checkpointer: new MemorySaver() });
}

const isMain = process.argv[1]?.endsWith("dry-run-graph.ts");
if (isMain) {
  const { openDb, fixedClock, loadPolicy, createOfflineReasoner } = await import("../src/index.js");
  const [dbPath = "./autopromo.db", category = "frozen", market = "UK"] = process.argv.slice(2);
  const db = openDb(dbPath);
  const graph = createDryRunGraph({ db, clock: fixedClock("2026-11-23T12:00:00Z"), policy: loadPolicy(), reasoner: createOfflineReasoner() });
  const out = await graph.invoke({ decisionId: "dry-run", scope: { category, market } }, { configurable: { thread_id: "dry-run" } });
  console.log(out.plan?.choice?.explanation);
  console.log(`policy: ${out.policy?.verdict ?? "(no proposal)"}`);
  db.close();
}
