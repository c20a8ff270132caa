import { END, MemorySaver, START, StateGraph } from "@langchain/langgraph";
import { z } from "zod";
import type { DemandView } from "../agents/demand/index.js";
import type { InventoryView } from "../agents/inventory/index.js";
import { createPromotionAgent, type RevisionLimits } from "../agents/promotion/index.js";
import { createTargetingAgent } from "../agents/targeting/index.js";
import type { DecisionRecord } from "../domain/decision.js";
import type { EvaluatedScenario } from "../domain/scenario.js";
import { createOfflineReasoner } from "../llm/offline.js";
import type { Reasoner } from "../llm/types.js";
import type { LoadedPolicy, PolicyRule } from "../policies/index.js";
import { fixedClock } from "../domain/index.js";
import type { Db } from "../store/index.js";
import { getDecision } from "./decisions.js";
import { GraphError } from "./errors.js";
import type { PromotionGraph } from "./graph.js";
import { promotionNode } from "./nodes/agents.js";
import { checkNode, reviseNode } from "./nodes/governance.js";
import { targetingNode } from "./nodes/targeting.js";
import { PromotionState, type PromotionStateValue } from "./state.js";
import { afterPlan, afterPolicy, NODES } from "./wiring.js";

/** Changed inputs for a what-if replay: factors on what the agents saw, and limits for the planner. */
export const whatIfSchema = z
  .object({
    /** Multiplies every SKU's baseline forecast (0.8 = demand 20 % weaker than forecast). */
    demandFactor: z.number().positive().optional(),
    /** Multiplies stock on hand, in transit, excess and available units. */
    stockFactor: z.number().nonnegative().optional(),
    /** Multiplies unit costs (a supplier price change). */
    unitCostFactor: z.number().positive().optional(),
    /** Limits the planner must respect, as a blocked verdict would set them. */
    limits: z
      .object({
        maxDepthPct: z.number().min(0).max(100),
        maxSpend: z.number().nonnegative(),
        excludeMechanics: z.array(z.string()),
        excludeSkus: z.array(z.string()),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();
export type WhatIf = z.infer<typeof whatIfSchema>;

/** One side of the comparison: what was (or would be) chosen, its forecast and the verdict. */
export interface WhatIfOutcome {
  chosen: string | null;
  summary: string;
  incrementalMargin: number;
  interval80: [number, number];
  verdict: string | null;
  /** Rules that did not pass, with their reasons. */
  rules: { id: string; outcome: string; reason: string }[];
  attempts: number;
}

export interface WhatIfReport {
  decisionId: string;
  /** The checkpoint whose state the what-if starts from (the inputs the promotion agent saw). */
  fromCheckpoint: string;
  changes: WhatIf;
  original: WhatIfOutcome;
  whatIf: WhatIfOutcome;
  changed: boolean;
}

export interface WhatIfDeps {
  db: Db;
  policy: LoadedPolicy;
  reasoner?: Reasoner;
  maxRevisions?: number;
  /** Policy rules checked after the shipped ones, as the run's graph checked them. */
  rules?: readonly PolicyRule[];
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** Applies the factors to copies of the demand and inventory views. */
export function applyWhatIf(
  demand: DemandView,
  inventory: InventoryView,
  w: WhatIf,
): { demand: DemandView; inventory: InventoryView } {
  const df = w.demandFactor ?? 1;
  const sf = w.stockFactor ?? 1;
  const cf = w.unitCostFactor ?? 1;
  const skus = Object.fromEntries(
    Object.entries(demand.skus).map(([k, d]) => [
      k,
      { ...d, baselineWeekly: d.baselineWeekly.map((u) => u * df), unitCost: d.unitCost * cf },
    ]),
  );
  const supply = Object.fromEntries(
    Object.entries(inventory.skus).map(([k, s]) => [
      k,
      {
        ...s,
        onHand: Math.round(s.onHand * sf),
        inTransit: Math.round(s.inTransit * sf),
        excessUnits: Math.round(s.excessUnits * sf),
        availableUnits: Math.round(s.availableUnits * sf),
        weeklySales: r2(s.weeklySales * df),
      },
    ]),
  );
  return {
    demand: { ...demand, skus, demandFactor: (demand.demandFactor ?? 1) * df },
    inventory: { ...inventory, skus: supply },
  };
}

/**
 * Re-runs a decision's planning and policy check from its checkpoint with changed inputs. The
 * state comes from the run's LangGraph history (the step before `plan_promotion` first ran); the
 * what-if runs on its own in-memory thread and checks the policy without logging a verdict, and
 * the database is left exactly as it was (the decision's own campaign is hidden from the check, and
 * the audience the targeting node stores is undone, in a savepoint that is rolled back), so the
 * original run and its record are untouched.
 */
export async function whatIfDecision(
  graph: PromotionGraph,
  deps: WhatIfDeps,
  id: string,
  changes: WhatIf,
): Promise<WhatIfReport> {
  const w = whatIfSchema.parse(changes);
  const record = getDecision(deps.db, id);
  let start: { values: PromotionStateValue; checkpointId: string } | undefined;
  for await (const snap of graph.getStateHistory({
    configurable: { thread_id: record.threadId },
  })) {
    const v = snap.values as PromotionStateValue;
    // History is newest first: the last hit is the first time the planner was about to run.
    if (snap.next.includes(NODES.planPromotion) && v.demand && v.inventory && v.attempt === 0)
      start = { values: v, checkpointId: String(snap.config.configurable?.checkpoint_id ?? "") };
  }
  if (!start)
    throw new GraphError(
      "NOT_REPLAYABLE",
      `decision ${id}: its checkpoint history holds no state before planning (thread ${record.threadId})`,
    );
  const s = start.values;
  const clock = fixedClock(s.startedAt || record.createdAt);
  const reasoner = deps.reasoner ?? createOfflineReasoner();
  const gov = {
    db: deps.db,
    clock,
    policy: deps.policy,
    reasonerName: reasoner.name,
    ...(deps.rules ? { rules: deps.rules } : {}),
  };
  const targeting = createTargetingAgent({ db: deps.db, clock, policy: deps.policy });
  // The shipped routes, except that the what-if ends where the run would launch, ask or record.
  const plan = afterPlan(targeting, { done: END });
  const policy = afterPolicy(deps.maxRevisions ?? 2, { allow: END, escalate: END, done: END });
  const whatIfGraph = new StateGraph(PromotionState)
    .addNode(
      NODES.planPromotion,
      promotionNode(createPromotionAgent({ db: deps.db, clock, policy: deps.policy, reasoner })),
    )
    .addNode(NODES.targetAudience, targetingNode(targeting, deps.db))
    .addNode(NODES.checkPolicy, checkNode(gov))
    .addNode(NODES.revise, reviseNode(gov))
    .addEdge(START, NODES.planPromotion)
    .addConditionalEdges(NODES.planPromotion, plan, plan.ends)
    .addEdge(NODES.targetAudience, NODES.checkPolicy)
    .addConditionalEdges(NODES.checkPolicy, policy, policy.ends)
    .addEdge(NODES.revise, NODES.planPromotion)
    .compile({ checkpointer: new MemorySaver() });
  const views = applyWhatIf(s.demand!, s.inventory!, w);
  const limits: RevisionLimits = { ...s.limits, ...w.limits };
  const input = {
    decisionId: `${record.id}-whatif`,
    scope: s.scope,
    trigger: s.trigger,
    startedAt: s.startedAt,
    findings: s.findings,
    ...views,
    limits,
  };
  deps.db.exec("SAVEPOINT what_if");
  let out: PromotionStateValue;
  try {
    // The run's own campaign would otherwise count against itself (brand gaps, spend caps, overlaps).
    deps.db
      .prepare("DELETE FROM spend_commitments WHERE campaign_id LIKE ? || '-a%'")
      .run(record.id);
    out = (await whatIfGraph.invoke(input, {
      configurable: { thread_id: `${record.id}-whatif` },
    })) as PromotionStateValue;
  } finally {
    deps.db.exec("ROLLBACK TO what_if; RELEASE what_if");
  }
  const original = outcomeOfRecord(record);
  const whatIf = outcomeOfState(out);
  return {
    decisionId: record.id,
    fromCheckpoint: start.checkpointId,
    changes: w,
    original,
    whatIf,
    changed: original.chosen !== whatIf.chosen || original.verdict !== whatIf.verdict,
  };
}

function describe(
  c: EvaluatedScenario | undefined,
): Pick<WhatIfOutcome, "chosen" | "summary" | "incrementalMargin" | "interval80"> {
  if (!c)
    return { chosen: null, summary: "nothing planned", incrementalMargin: 0, interval80: [0, 0] };
  const sc = c.scenario;
  const summary =
    sc.mechanic === "none"
      ? "no promotion"
      : `${sc.sku} ${sc.mechanic.replace("_", "+")}${sc.depthPct ? ` at ${sc.depthPct} % off` : " without a price cut"}, ${sc.weeks} weeks from ${sc.startDate} (${sc.channels.join(", ")})`;
  return {
    chosen: sc.id,
    summary,
    incrementalMargin: Math.round(c.prediction.incrementalMargin),
    interval80: c.prediction.interval80.incrementalMargin.map(Math.round) as [number, number],
  };
}

const notPassed = (rules: readonly { id: string; outcome: string; reason: string }[]) =>
  rules
    .filter((r) => r.outcome !== "pass")
    .map(({ id, outcome, reason }) => ({ id, outcome, reason }));

function outcomeOfRecord(r: DecisionRecord): WhatIfOutcome {
  return {
    ...describe(r.chosen ?? undefined),
    verdict: r.policy?.verdict ?? null,
    rules: notPassed(r.policy?.rules ?? []),
    attempts: r.revisions.length + 1,
  };
}

function outcomeOfState(s: PromotionStateValue): WhatIfOutcome {
  return {
    ...describe(s.plan?.choice?.chosen),
    verdict: s.plan?.proposal ? (s.policy?.verdict ?? null) : null,
    rules: s.plan?.proposal ? notPassed(s.policy?.rules ?? []) : [],
    attempts: s.attempt,
  };
}
