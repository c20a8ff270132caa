import type { PromotionProposal } from "../../domain/proposal.js";
import type { PolicyRule } from "../types.js";
import { block, escalate, fmt, pass } from "../types.js";
import type { Verification } from "../context/verify.js";
import { BASELINE_FACTOR, MIN_HISTORY_WEEKS, PREDICTION_TOLERANCE } from "./integrity.js";

/**
 * Predictions are claims: before the lift, margin and stock rules read them they must agree
 * with each other (lift = promoted units over baseline, net incremental ≤ gross, units per SKU
 * sum to the total, ROI = margin / spend), the baseline with the store's own rate of sale, and
 * the margin with what the store's price and cost allow. Compiled in; a disagreement blocks.
 */

const near = (a: number, b: number, abs: number) =>
  Math.abs(a - b) <= PREDICTION_TOLERANCE * Math.abs(b) + abs;

function inconsistencies(p: PromotionProposal, v: Verification): string[] {
  const d = v.declared.predicted;
  const out: string[] = [];
  const gross = d.totalUnits - d.baselineUnits;
  const lift = d.baselineUnits > 0 ? (gross / d.baselineUnits) * 100 : 0;
  if (!near(d.liftPct, lift, 0.1))
    out.push(
      `lift ${fmt(d.liftPct)} % but total ${fmt(d.totalUnits)} over baseline ${fmt(d.baselineUnits)} units is ${fmt(lift)} %`,
    );
  if (d.incrementalUnits > gross + PREDICTION_TOLERANCE * Math.abs(gross) + 0.5) {
    out.push(`incremental ${fmt(d.incrementalUnits)} units > total − baseline = ${fmt(gross)}`);
  }
  const split = d.unitsBySku ? Object.values(d.unitsBySku).reduce((s, x) => s + x, 0) : null;
  if (split !== null && !near(split, d.totalUnits, 0.5))
    out.push(`units per SKU sum to ${fmt(split)}, total is ${fmt(d.totalUnits)}`);
  // An edit changes depth, dates or budget of a committed campaign and keeps its forecast: money claims are not re-derived.
  if (v.edit) return out;
  const spend = v.declared.budget.media + v.declared.budget.discount;
  if (spend > 0 && !near(d.roi, d.incrementalMargin / spend, 0.01))
    out.push(
      `ROI ${fmt(d.roi)} but margin ${fmt(d.incrementalMargin)} / spend ${fmt(spend)} = ${fmt(d.incrementalMargin / spend)}`,
    );
  const cost = Math.max(
    ...v.prices.map((f) => f.unitCost ?? p.predicted.unitCost),
    p.predicted.unitCost,
  );
  // Units sold outside the price channels keep the regular price: the bound takes the higher.
  const everywhere = p.channels.includes("store") && p.channels.includes("ecommerce");
  const unitPrice = everywhere ? p.promoPrice : p.regularPrice;
  const regular = p.regularPrice;
  const mediaMkt = v.declared.budget.media * (v.money.toMarket?.rate ?? 1);
  const bound = (unitPrice - cost) * d.totalUnits - (regular - cost) * d.baselineUnits - mediaMkt;
  const claimed = d.incrementalMargin * (v.money.toMarket?.rate ?? 1);
  const slack = 0.15 * cost * d.totalUnits + 1;
  if (claimed > bound + slack)
    out.push(
      `incremental margin ${fmt(claimed)} > ${fmt(bound)} that price ${fmt(unitPrice)}, cost ${fmt(cost)} and the units allow`,
    );
  return out;
}

export const predictionsRule: PolicyRule = {
  id: "integrity.predictions",
  builtin: true,
  summary:
    "predicted units, lift, margin and ROI agree with each other and with the store's rate of sale",
  check: (p, ctx) => {
    const v = ctx.verification;
    if (!v) return pass(`not verified: context built without the store (${ctx.today})`);
    const bad = inconsistencies(p, v);
    if (bad.length) return block(`predictions do not add up: ${bad.join("; ")}`);
    const b = v.storeBaseline;
    const d = v.declared.predicted;
    // An edit keeps the baseline its campaign was checked and approved with; it is not re-judged.
    if (v.edit)
      return pass(`baseline ${fmt(d.baselineUnits)} units kept from the approved campaign`);
    if (!b && !v.marketHasSales)
      return pass(
        `baseline ${fmt(d.baselineUnits)} units not checked: no sales on record in ${p.scope.markets.join(", ")}`,
      );
    if (!b || b.weeks < MIN_HISTORY_WEEKS) {
      return escalate(
        `no sales history to check baseline ${fmt(d.baselineUnits)} units against (${b?.weeks ?? 0} weeks on record)`,
        { allOf: ["category_manager"], anyOf: [] },
      );
    }
    const ratio = d.baselineUnits / Math.max(b.units, 1e-9);
    const text = `baseline ${fmt(d.baselineUnits)} units vs the store's ${fmt(b.units)} (last ${b.weeks} weeks' rate × ${p.weeks} weeks)`;
    if (ratio > BASELINE_FACTOR || ratio < 1 / BASELINE_FACTOR)
      return block(`${text}: more than ${BASELINE_FACTOR}× apart`);
    return pass(`${text}; lift, units and ROI consistent`);
  },
};
