import { END } from "@langchain/langgraph";
import type { TargetingAgent } from "../agents/targeting/index.js";
import type { PromotionStateValue } from "./state.js";

/**
 * The promotion graph's node names: a graph composed from the shipped nodes uses the same names,
 * so routing functions, Studio and the decision records read alike.
 */
export const NODES = {
  perceive: "perceive",
  forecastDemand: "forecast_demand",
  assessInventory: "assess_inventory",
  planPromotion: "plan_promotion",
  targetAudience: "target_audience",
  checkPolicy: "check_policy",
  revise: "revise",
  awaitApproval: "await_approval",
  execute: "execute",
  record: "record",
} as const;
export type NodeName = (typeof NODES)[keyof typeof NODES];

/** Where a route may lead: a node of the graph, or its end. */
type Dest = string;

/**
 * A routing function with the destinations it may return, for `addConditionalEdges(from, r,
 * r.ends)`. Each router takes the shipped graph's destinations by default; a composed graph
 * renames a branch (to END, or to a node of its own) and keeps the decision logic.
 */
export type Router<D extends Dest> = ((s: PromotionStateValue) => D) & { ends: D[] };

const router = <D extends Dest>(route: (s: PromotionStateValue) => D, ends: D[]): Router<D> =>
  Object.assign(route, { ends: [...new Set(ends)] });

/** Branches after check_policy: allowed, escalated, blocked with revisions left, and done. */
export interface PolicyRoutes<A extends Dest, E extends Dest, R extends Dest, D extends Dest> {
  allow: A;
  escalate: E;
  revise: R;
  done: D;
}

/**
 * After check_policy: allow → execute, escalate → await_approval, block → revise while the run
 * has revisions left, else record.
 */
export function afterPolicy<
  A extends Dest = typeof NODES.execute,
  E extends Dest = typeof NODES.awaitApproval,
  R extends Dest = typeof NODES.revise,
  D extends Dest = typeof NODES.record,
>(maxRevisions: number, to: Partial<PolicyRoutes<A, E, R, D>> = {}): Router<A | E | R | D> {
  const r = {
    allow: NODES.execute,
    escalate: NODES.awaitApproval,
    revise: NODES.revise,
    done: NODES.record,
    ...to,
  } as PolicyRoutes<A, E, R, D>;
  // A graph without a revise node sends `revise` where blocked runs end (e.g. record).
  const ends = [r.allow, r.escalate, r.revise, r.done];
  return router((s) => {
    const v = s.policy?.verdict;
    if (v === "allow") return r.allow;
    if (v === "escalate") return r.escalate;
    return s.attempt <= maxRevisions ? r.revise : r.done;
  }, ends);
}

/** Branches after plan_promotion: a targeted channel, straight to the policy, and nothing to do. */
export interface PlanRoutes<T extends Dest, P extends Dest, D extends Dest> {
  target: T;
  policy: P;
  done: D;
}

/**
 * After plan_promotion: targeting (a targeted channel), straight to the policy, or record "no
 * promotion". Only a proposal with a targeted channel (e-mail, SMS, ads) needs an audience.
 */
export function afterPlan<
  T extends Dest = typeof NODES.targetAudience,
  P extends Dest = typeof NODES.checkPolicy,
  D extends Dest = typeof NODES.record,
>(targeting: Pick<TargetingAgent, "applies">, to?: Partial<PlanRoutes<T, P, D>>): Router<T | P | D>;
/** Without a targeting agent: straight to the policy, or nothing to do. */
export function afterPlan<
  P extends Dest = typeof NODES.checkPolicy,
  D extends Dest = typeof NODES.record,
>(targeting: null, to?: Partial<Omit<PlanRoutes<never, P, D>, "target">>): Router<P | D>;
export function afterPlan<T extends Dest, P extends Dest, D extends Dest>(
  targeting: Pick<TargetingAgent, "applies"> | null,
  to: Partial<PlanRoutes<T, P, D>> = {},
): Router<T | P | D> {
  const r = {
    target: NODES.targetAudience,
    policy: NODES.checkPolicy,
    done: NODES.record,
    ...to,
  } as PlanRoutes<T, P, D>;
  // Without a targeting agent no proposal needs an audience: no edge to target_audience.
  const ends = targeting ? [r.target, r.policy, r.done] : [r.policy, r.done];
  return router((s) => {
    const proposal = s.plan?.proposal;
    if (!proposal) return r.done;
    return targeting?.applies(proposal) ? r.target : r.policy;
  }, ends);
}

/** Branches after await_approval: approved, still waiting, and anything else. */
export interface ApprovalRoutes<A extends Dest, W extends Dest, D extends Dest> {
  approved: A;
  waiting: W;
  done: D;
}

/**
 * After await_approval: approved → execute, still waiting → await_approval again, anything else
 * (rejected, expired, superseded, joined another run's request) → record.
 */
export function approvalRouter<
  A extends Dest = typeof NODES.execute,
  W extends Dest = typeof NODES.awaitApproval,
  D extends Dest = typeof NODES.record,
>(to: Partial<ApprovalRoutes<A, W, D>> = {}): Router<A | W | D> {
  const r = {
    approved: NODES.execute,
    waiting: NODES.awaitApproval,
    done: NODES.record,
    ...to,
  } as ApprovalRoutes<A, W, D>;
  return router(
    (s) => {
      if (s.status === "running") return r.approved;
      return s.status === "awaiting_approval" ? r.waiting : r.done;
    },
    [r.done, r.waiting, r.approved],
  );
}

/** The shipped graph's router after await_approval (see {@link approvalRouter}). */
export const afterApproval = approvalRouter();

/** The end of a graph, for routes that stop where the shipped graph records. */
export { END };
