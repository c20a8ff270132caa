import type { PromotedPeriod } from "../domain/planning.js";
import type { Scenario } from "../domain/scenario.js";
import type { Policy } from "./schema.js";

/**
 * A rule's planner pre-check: the promotion agent screens thousands of scenarios before any
 * proposal exists, and asks each rule that declares one whether a scenario would fail it, so
 * the planner never copies a rule's test (the policy node still checks the proposal).
 */

/** What the planner knows of a scope when it screens: built once a plan. */
export interface PlannerFacts {
  policy: Policy;
  /** The category's quarterly budget left, in the policy currency. */
  budgetLeft: number;
  /** The category's SKUs in the scope's market. */
  categorySkus: readonly string[];
  /** Periods the scope's SKUs are (or were) on promotion around the planned dates. */
  promoted: readonly PromotedPeriod[];
}

/** The planner's point forecast of a scenario, as far as the rules read it. */
export interface PlannerForecast {
  liftPct: number;
  incrementalMargin: number;
  roi: number;
  stockNeeded: number;
  stockAvailable: number;
  discountCost: number;
  mediaCost: number;
}

/** One cheap test and the sentence that explains it, written only when read. */
export interface ScenarioScreen {
  fails(s: Scenario, p: PlannerForecast): boolean;
  reason(s: Scenario, p: PlannerForecast): string;
}

/**
 * When the planner asks: calendar and stock facts before money, forecast thresholds last, so a
 * scenario's first reason names what no better forecast could change.
 */
export const PLANNER_STAGES = ["calendar", "supply", "budget", "forecast"] as const;
export type PlannerStage = (typeof PLANNER_STAGES)[number];

/** A rule's pre-check: `screen` is called once a plan and may keep caches for that plan. */
export interface PlannerPrecheck {
  stage: PlannerStage;
  screen(facts: PlannerFacts): ScenarioScreen;
}

/** The screens of every rule that declares a pre-check, by stage (rule order within one). */
export function plannerScreens(
  rules: readonly { planner?: PlannerPrecheck }[],
  facts: PlannerFacts,
): ScenarioScreen[] {
  const declared = rules.flatMap((r) => (r.planner ? [r.planner] : []));
  const rank = (c: PlannerPrecheck) => PLANNER_STAGES.indexOf(c.stage);
  return declared
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map(({ c }) => c.screen(facts));
}

/** Spend of a forecast: discount plus media. */
export const spendOf = (p: PlannerForecast): number => p.discountCost + p.mediaCost;
