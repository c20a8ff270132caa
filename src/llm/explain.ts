import type { EvaluatedScenario } from "../domain/scenario.js";
import type { Finding } from "../domain/findings.js";
import { formatWhole } from "../domain/format.js";

/** A scenario in plain words. */
export function scenarioWords(x: EvaluatedScenario): string {
  const s = x.scenario;
  if (s.mechanic === "none") return "no promotion";
  const mech =
    {
      tpr: "a shelf price cut",
      feature: "a feature in the weekly ad",
      display: "an in-store display",
      feature_display: "a feature and in-store display",
    }[s.mechanic as string] ?? s.mechanic;
  const depth = s.depthPct > 0 ? ` at ${s.depthPct} % off` : " without a price cut";
  return `${mech}${depth} on ${s.sku} in ${s.market} for ${s.weeks} week${s.weeks > 1 ? "s" : ""} from ${s.startDate} (${s.channels.join(", ")})`;
}

/** The templated explanation the offline reasoner writes: the choice, its numbers, its reason and the best alternative. */
export function templatedExplanation(
  chosen: EvaluatedScenario,
  runnerUp: EvaluatedScenario | undefined,
  findings: readonly Finding[],
  currency: string,
): string {
  const p = chosen.prediction;
  const why = findings
    .filter(
      (f) =>
        f.kind === "excess_stock" || f.kind === "competitor_price_drop" || f.kind === "demand_dip",
    )
    .map((f) => f.summary);
  const trigger = why.length ? ` Context: ${why.slice(0, 2).join(" ")}` : "";
  if (chosen.scenario.mechanic === "none") {
    const best = runnerUp
      ? ` The best promotion considered, ${scenarioWords(runnerUp)}, would change incremental margin by ${formatWhole(runnerUp.prediction.incrementalMargin)} ${currency}${runnerUp.feasible ? "" : ` and is ruled out (${runnerUp.constraints.join("; ")})`}.`
      : "";
    return `Recommend no promotion for ${chosen.scenario.category} in ${chosen.scenario.market}: no feasible scenario beats doing nothing.${best}${trigger}`;
  }
  const [lo, hi] = p.interval80.incrementalMargin;
  const lines = [
    `Recommend ${scenarioWords(chosen)}.`,
    `Predicted ${formatWhole(p.promoUnits)} units against a baseline of ${formatWhole(p.baselineUnits)} (lift ${p.liftPct.toFixed(0)} %), of which ${formatWhole(p.cannibalisedUnits)} are taken from sister SKUs and ${formatWhole(p.pulledForwardUnits)} pulled forward from the week after.`,
    `Expected incremental contribution margin ${formatWhole(p.incrementalMargin)} ${currency} (80 % interval ${formatWhole(lo)} to ${formatWhole(hi)}) after ${formatWhole(p.discountCost)} discount cost, ${formatWhole(p.mediaCost)} media${p.carryingCostSaved > 0 ? ` and including ${formatWhole(p.carryingCostSaved)} carrying cost saved on excess stock` : ""}; ROI ${p.roi.toFixed(2)}.`,
    `Stock needed ${formatWhole(p.stockNeeded)} of ${formatWhole(p.stockAvailable)} available.`,
  ];
  if (runnerUp) {
    const gap = p.incrementalMargin - runnerUp.prediction.incrementalMargin;
    lines.push(
      `Best alternative: ${scenarioWords(runnerUp)}, expected ${formatWhole(runnerUp.prediction.incrementalMargin)} ${currency}, ${runnerUp.feasible ? `${formatWhole(gap)} less` : `ruled out: ${runnerUp.constraints.join("; ")}`}.`,
    );
  }
  return lines.join(" ") + trigger;
}
