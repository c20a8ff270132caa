import type { EvaluatedScenario } from "../../domain/scenario.js";
import { probabilityPositive, Z80 } from "./lift-simulate.js";

/**
 * How the agent takes a bet on its forecast distribution. A promotion launches when its
 * risk-adjusted margin E[m] − λ·sd(m) is positive and P(m > 0) clears the policy's floor;
 * candidates rank by the same score. Many small weekly bets, each settled and fed back, make the
 * expected margin the objective (λ = 0 by default): a wide interval is a reason to measure, not to
 * wait, and recalibration stops a mechanic the record shows losing. λ > 0 trades expected margin
 * for fewer losing campaigns; the floor keeps coin flips out.
 */
export interface DecisionRule {
  /** λ: standard deviations of incremental margin taken off its expectation. */
  riskAversion: number;
  /** Least P(incremental margin > 0): the policy's `success.minProbabilityPositive`. */
  minProbability: number;
}

/** Risk-neutral: the expected margin decides (see `DecisionRule`). */
export const DEFAULT_RISK_AVERSION = 0;

/** SD of a prediction's incremental margin, read from its 80 % interval. */
export function marginSd(x: EvaluatedScenario): number {
  const [lo, hi] = x.prediction.interval80.incrementalMargin;
  return x.scenario.mechanic === "none" ? 0 : Math.max(0, hi - lo) / (2 * Z80);
}

/** The rule's score: expected incremental margin less λ standard deviations. */
export function riskScore(x: EvaluatedScenario, rule: DecisionRule): number {
  return x.prediction.incrementalMargin - rule.riskAversion * marginSd(x);
}

/** Why a promotion fails the policy's P(margin > 0) floor, or undefined when it passes. */
export function probabilityFloorFailure(
  x: EvaluatedScenario,
  rule: DecisionRule,
): string | undefined {
  if (x.scenario.mechanic === "none") return undefined;
  const p = probabilityPositive(x.prediction);
  return p < rule.minProbability
    ? `P(incremental margin > 0) ${p.toFixed(2)} < policy minimum ${rule.minProbability}`
    : undefined;
}
