import { Annotation } from "@langchain/langgraph";
import type { DemandView } from "../agents/demand/index.js";
import type { InventoryView } from "../agents/inventory/index.js";
import type { RevisionLimits } from "../agents/promotion/index.js";
import type { Audience } from "../domain/audience.js";
import type {
  DecisionStatus,
  PolicyRecord,
  ReasonerUsage,
  RunTrigger,
} from "../domain/decision.js";
import type { Finding } from "../domain/findings.js";
import type { PromotionProposalInput } from "../domain/proposal.js";
import type { EvaluatedScenario, ScenarioChoice } from "../domain/scenario.js";

/**
 * The part of a plan the graph keeps (the full grid stays out of checkpoints). Only `proposal` is
 * needed by the governance nodes: a plan from another agent may leave the rest out.
 */
export interface PlanState {
  proposal: PromotionProposalInput | null;
  choice?: ScenarioChoice;
  /** Best scenarios with their numbers, "no promotion" included. */
  top?: EvaluatedScenario[];
  considered?: number;
  modelVersion?: string;
  usage?: ReasonerUsage;
  /** Currency of the plan's money; default: the proposal's currency. */
  currency?: string;
}

export interface RevisionState {
  attempt: number;
  blockedBy: string[];
  limits: Record<string, number>;
  verdict?: "allow" | "escalate" | "block";
}

const last = <T>(init: T) => Annotation<T>({ reducer: (_a, b) => b, default: () => init });

/** The promotion graph's state: one run for one scope, checkpointed after every step. */
export const PromotionState = Annotation.Root({
  decisionId: last<string>(""),
  scope: last<{ category: string; market: string }>({ category: "", market: "" }),
  trigger: last<RunTrigger>({ kind: "scope" }),
  startedAt: last<string>(""),
  findings: last<Finding[]>([]),
  demand: last<DemandView | null>(null),
  inventory: last<InventoryView | null>(null),
  plan: last<PlanState | null>(null),
  /** The targeting agent's audience for the current proposal (null without a targeted channel). */
  audience: last<Audience | null>(null),
  attempt: last<number>(0),
  limits: last<RevisionLimits>({}),
  policy: last<PolicyRecord | null>(null),
  revisions: Annotation<RevisionState[]>({ reducer: (a, b) => [...a, ...b], default: () => [] }),
  approvalRequestId: last<string | null>(null),
  status: last<DecisionStatus>("running"),
  outcome: last<{ status: DecisionStatus; campaignId?: string; reason: string } | null>(null),
  /** Set when the run's plan was already awaiting approval: the request (and decision) it joined. */
  joined: last<{ requestId: string; decisionId: string | null } | null>(null),
});
export type PromotionStateValue = typeof PromotionState.State;
export type PromotionStateUpdate = typeof PromotionState.Update;
