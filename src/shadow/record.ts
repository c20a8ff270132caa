import { addDays } from "../domain/dates.js";
import type { PromotionProposalInput } from "../domain/proposal.js";
import type { ScenarioChoice } from "../domain/scenario.js";
import type { Db } from "../store/index.js";
import type { Scope } from "./mode.js";

/** What the system would have run in one scope, with its forecast, for the shadow record. */
export interface ShadowPlanInput {
  decisionId: string;
  scope: Scope;
  /** The proposal the policy allowed or escalated; null when it planned, or was left with, none. */
  proposal: PromotionProposalInput | null;
  choice?: ScenarioChoice | undefined;
  verdict: "allow" | "escalate" | "block" | null;
  reason: string;
  /** The planning day (YYYY-MM-DD): a "no promotion" plan covers the weeks after it. */
  day: string;
  windowWeeks: number;
  at: string;
}

/** Stores the plan once per decision: a re-run of the record step adds nothing. */
export function recordShadowPlan(db: Db, p: ShadowPlanInput): void {
  const runs = p.proposal !== null && p.verdict !== "block";
  const pr = runs ? p.proposal! : null;
  const start = pr ? pr.startDate : addDays(p.day, 1);
  const weeks = pr ? pr.weeks : p.windowWeeks;
  const chosen = runs ? p.choice?.chosen.prediction : undefined;
  const [low, high] = chosen?.interval80.incrementalMargin ?? [0, 0];
  db.prepare(
    `INSERT OR IGNORE INTO shadow_plans (decision_id, category, market_id, window_start,
      window_end, skus, mechanic, discount_pct, channels, verdict, forecast_margin,
      forecast_low, forecast_high, currency, reason, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    p.decisionId,
    p.scope.category,
    p.scope.market,
    start,
    addDays(start, 7 * weeks - 1),
    JSON.stringify(pr ? pr.scope.skus : []),
    pr?.mechanic ?? null,
    pr ? discountOf(pr) : null,
    pr ? pr.channels.join(",") : null,
    p.verdict,
    chosen?.incrementalMargin ?? 0,
    low,
    high,
    p.proposal?.currency ?? null,
    p.reason,
    p.at,
  );
}

function discountOf(p: PromotionProposalInput): number {
  if (p.discountPct !== undefined) return p.discountPct;
  if (p.promoPrice !== undefined) return 100 * (1 - p.promoPrice / p.regularPrice);
  return 0;
}
