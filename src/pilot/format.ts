import { table } from "../cli/output.js";
import { formatWhole } from "../domain/format.js";
import type { PilotReport } from "./report.js";

const money = formatWhole;
const pct = (x: number) => `${x.toFixed(1)} %`;

const share = (n: number, of: number) => `${of > 0 ? ((100 * n) / of).toFixed(2) : "0.00"} %`;

/** Stock-outs from the narrowest (the guardrail should have prevented it) to the widest, with the shelves' base rate beside them. */
function stockOutLine(r: PilotReport): string {
  const g = r.governance;
  const a = r.totals.agent;
  return (
    `stock-outs: guardrail-preventable ${g.guardrailStockOuts} (target 0); supply-short (DC drained) ${g.supplyShortStockOuts}; campaigns with any treated-store stock-out ${g.campaignStockOuts}, ` +
    `${g.campaignStockOuts - g.supplyShortStockOuts} of them while the DC held stock; the agent's shelves ran dry in ${share(a.stockOutsPromoted, a.promotedCells)} of promoted store-SKU-weeks and ${share(a.stockOuts - a.stockOutsPromoted, a.cells - a.promotedCells)} of the others`
  );
}

/** The pilot report for people: headline against targets, strategies side by side, governance, causal record. */
export function formatPilotReport(r: PilotReport): string {
  const lines = [
    `pilot: ${r.weeks} weeks × seeds ${r.seeds.join(", ")} (contribution margin in the pilot scope; EUR)`,
    table(
      [
        "strategy",
        "margin (scope)",
        "margin (all)",
        "campaigns",
        "lift",
        "ROI",
        "promo incr. margin",
        "cannibalised u",
        "pulled fwd u",
        "stock-outs (promo)",
        "excess cleared u",
      ],
      (["agent", "none", "calendar", "oracle"] as const).map((s) => {
        const t = r.totals[s];
        return [
          s,
          money(t.marginInScope),
          money(t.marginAll),
          t.campaigns,
          pct(t.liftPct),
          t.roi.toFixed(2),
          money(t.promoIncrementalMargin),
          money(t.cannibalisedUnits),
          money(t.pulledForwardUnits),
          `${t.stockOuts} (${t.stockOutsPromoted})`,
          money(t.excessCleared),
        ];
      }),
    ),
    `agent vs fixed calendar: ${r.marginVsCalendarPct >= 0 ? "+" : ""}${r.marginVsCalendarPct.toFixed(2)} % (target ≥ +5 %); share of the oracle's gain over no promotion: ${(100 * r.oracleGainShare).toFixed(1)} % (target ≥ 80 %)`,
    `incremental margin: vs none ${money(r.incrementalMargin.none)}, vs calendar ${money(r.incrementalMargin.calendar)}, vs oracle ${money(r.incrementalMargin.oracle)}`,
    `governance: ${r.governance.escalations} escalations (${r.governance.approved} approved, ${r.governance.rejected} rejected), ${r.governance.blocks} blocks; ${r.governance.outsideScopeRuns} runs outside the pilot scope, ${r.governance.outsideScopeLaunched} launched; policy violations ${r.governance.policyViolations}`,
    stockOutLine(r),
    `causal record: ${r.holdout.settled} promotions settled against their holdout (${r.holdout.unmeasured} without a usable pre-period); the simulator's truth inside the 80 % interval for ${r.holdout.truthInside} of the measured (${(100 * r.holdout.agreement).toFixed(1)} %, target ≥ 80 %)`,
    `learning curve (|forecast − actual| / actual of promoted units, by start week): ${r.learningCurve.map((p) => `w${p.week} ${(100 * p.ape).toFixed(0)} %`).join(", ") || "–"}`,
    `decision latency per scope: p50 ${r.latencyMs.p50.toFixed(0)} ms, p95 ${r.latencyMs.p95.toFixed(0)} ms`,
  ];
  return lines.join("\n");
}
