import type { PromotionProposal } from "../../domain/proposal.js";
import type { ScenarioForecast } from "../predictor.js";
import type { PolicyRule, RequiredApprovals } from "../types.js";
import { block, escalate, fmt, pass } from "../types.js";

/**
 * Predictions are checked against the model the promotion agent plans with: the lift a proposal
 * declares must lie inside the model's 80 % interval for the same scenario, widened by a stated
 * tolerance, and a market-wide baseline near the model's. With no model wired (library use) or a
 * scenario the model cannot predict, the claim is unverified: escalated, never trusted.
 */

/** Lift points allowed beyond the model's 80 % interval. */
export const LIFT_TOLERANCE_PTS = 5;
/** Relative gap allowed between a market-wide declared baseline and the model's. */
export const MODEL_BASELINE_TOLERANCE = 0.25;

const REVIEW: RequiredApprovals = { allOf: ["category_manager"], anyOf: [] };
const liftOf = (total: number, base: number) => (base > 0 ? (total / base - 1) * 100 : 0);

/** The model's lift interval, in %: a mechanic it does not simulate gets [0, upper bound]. */
export function modelLift80(f: ScenarioForecast): [number, number] {
  const lo = liftOf(f.totalUnits80[0], f.baselineUnits);
  const hi = liftOf(f.totalUnits80[1], f.baselineUnits);
  return f.exact ? [lo, hi] : [Math.min(0, lo), hi];
}

/** The proposal's units as the model expects them, for the rules an edit is re-checked by. */
export function withModelUnits(p: PromotionProposal, f: ScenarioForecast): PromotionProposal {
  const base = p.predicted.baselineUnits;
  const ratio = f.baselineUnits > 0 ? f.totalUnits / f.baselineUnits : 1;
  const total = Math.max(p.predicted.totalUnits, base * ratio);
  const k = p.predicted.totalUnits > 0 ? total / p.predicted.totalUnits : 1;
  const bySku = p.predicted.unitsBySku
    ? Object.fromEntries(Object.entries(p.predicted.unitsBySku).map(([s, u]) => [s, u * k]))
    : undefined;
  return {
    ...p,
    predicted: {
      ...p.predicted,
      totalUnits: total,
      liftPct: liftOf(total, base),
      ...(bySku ? { unitsBySku: bySku } : {}),
    },
  };
}

export const modelPredictionRule: PolicyRule = {
  id: "integrity.model_prediction",
  builtin: true,
  summary:
    "declared lift and baseline agree with the lift model's own prediction for the same scenario",
  check: (p, ctx) => {
    const v = ctx.verification;
    if (!v) return pass(`not verified: context built without the store (${ctx.today})`);
    const d = v.declared.predicted;
    const m = v.model;
    const claim = `lift ${fmt(d.liftPct)} %, ${fmt(d.totalUnits)} units`;
    // An edit re-checks a campaign whose forecast was checked when it was approved: without a model it keeps that forecast.
    if (v.edit && m?.status !== "checked")
      return pass(
        `edit of ${v.edit.campaignId}: approved forecast kept (${m?.status === "unavailable" ? m.reason : "no model wired"})`,
      );
    if (!m || m.status === "not_wired")
      return escalate(
        `no scenario predictor is wired: ${claim} are the proposal's own, unverified`,
        REVIEW,
      );
    // A store with no sales at all in these markets has nothing to check against (as integrity.predictions).
    if (m.status === "unavailable" && !v.marketHasSales)
      return pass(`${claim} not checked: no sales on record in ${p.scope.markets.join(", ")}`);
    if (m.status === "unavailable")
      return escalate(
        `the model cannot predict this scenario (${m.reason}): ${claim} unverified`,
        REVIEW,
      );
    const f = m.forecast;
    const [lo, hi] = modelLift80(f);
    const model = `the model's ${fmt(liftOf(f.totalUnits, f.baselineUnits))} % (80 % interval ${fmt(lo)}–${fmt(hi)} %, ${f.source})`;
    if (v.edit)
      return pass(
        `edit of ${v.edit.campaignId}: units recomputed with ${model}; the approved forecast said ${fmt(d.liftPct)} %`,
      );
    const bad: string[] = [];
    if (d.liftPct < lo - LIFT_TOLERANCE_PTS || d.liftPct > hi + LIFT_TOLERANCE_PTS) {
      bad.push(
        `declared lift ${fmt(d.liftPct)} % vs ${model}, beyond ±${LIFT_TOLERANCE_PTS} points`,
      );
    }
    // A baseline for some stores only is checked against the store's rate of sale (integrity.predictions).
    if (
      !p.scope.locations &&
      Math.abs(d.baselineUnits - f.baselineUnits) > MODEL_BASELINE_TOLERANCE * f.baselineUnits
    ) {
      bad.push(
        `declared baseline ${fmt(d.baselineUnits)} units vs the model's ${fmt(f.baselineUnits)} (more than ${fmt(MODEL_BASELINE_TOLERANCE * 100)} % apart)`,
      );
    }
    if (bad.length) return block(`predictions disagree with the model: ${bad.join("; ")}`);
    return pass(`declared lift ${fmt(d.liftPct)} % within ${model}`);
  },
};
