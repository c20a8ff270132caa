import type { Audience, AudiencePolicy, AudienceTiming } from "../domain/audience.js";
import type { DecisionRecord } from "../domain/decision.js";
import { formatWhole } from "../domain/format.js";
import type { Alternative, EvaluatedScenario } from "../domain/scenario.js";
import { scenarioWords } from "../llm/explain.js";

/**
 * A decision in plain language, each figure stated once and read from the record: what was seen,
 * what was chosen with its forecast, the best alternative, the verdict and the outcome.
 */
export function explainDecision(r: DecisionRecord): string {
  const cur = typeof r.inputs.currency === "string" ? ` ${r.inputs.currency}` : "";
  const lines = [
    `Decision ${r.id} (${r.scope.category ?? "*"} in ${r.scope.market ?? "*"}, ${r.trigger.kind}${r.trigger.reason ? `: ${r.trigger.reason}` : ""}) — ${r.status}.`,
  ];
  if (r.findings.length)
    lines.push(
      `Seen: ${r.findings
        .slice(0, 3)
        .map((f) => f.summary)
        .join(" ")}`,
    );
  if (r.chosen) lines.push(...chosenLines(r.chosen, cur));
  else lines.push("No scenario was chosen.");
  // The offline reasoner's words are the lines above; a model's own words are kept, marked as such.
  if (r.explanation && r.reasoner.name !== "offline" && r.chosen)
    lines.push(`In the reasoner's words: ${r.explanation}`);
  if (r.audience) lines.push(audienceSentence(r.audience, cur));
  lines.push(
    `${r.considered.toLocaleString("en-US")} scenarios were simulated (model ${r.modelVersion}, reasoner ${r.reasoner.name}${r.reasoner.fallback ? `, fallback: ${r.reasoner.fallback}` : ""}).`,
  );
  const alt = r.alternatives.find((a) => a.scenario.mechanic !== "none") ?? r.alternatives[0];
  if (alt && r.chosen)
    lines.push(`Counterfactual: the best alternative was ${alternativeWords(alt, r.chosen, cur)}.`);
  if (r.policy) {
    const flagged = r.policy.rules.filter((x) => x.outcome !== "pass");
    lines.push(
      `Policy ${r.policy.policyVersion.slice(0, 12)}: ${r.policy.verdict.toUpperCase()}${flagged.length ? ` — ${flagged.map((x) => `${x.id} ${x.outcome}: ${x.reason}`).join("; ")}` : " (every rule passed)"}.`,
    );
  }
  for (const v of r.revisions)
    lines.push(
      `Attempt ${v.attempt} was blocked by ${v.blockedBy.join(", ")}; revised within ${JSON.stringify(v.limits)}.`,
    );
  for (const a of r.approvals)
    lines.push(`${a.role} (${a.approver}) ${a.decision}d at ${a.votedAt}: ${a.comment}`);
  lines.push(
    `Outcome: ${r.outcome.status} — ${r.outcome.reason}${r.outcome.campaignId ? ` (campaign ${r.outcome.campaignId})` : ""}.`,
  );
  return lines.join("\n");
}

/** The chosen scenario and its forecast; parts that are zero are left out rather than repeated. */
function chosenLines(c: EvaluatedScenario, cur: string): string[] {
  if (c.scenario.mechanic === "none")
    return [`Recommend no promotion for ${c.scenario.category} in ${c.scenario.market}.`];
  const p = c.prediction;
  const [lo, hi] = p.interval80.incrementalMargin;
  const units = [
    `${formatWhole(p.cannibalisedUnits)} taken from sister SKUs`,
    `${formatWhole(p.pulledForwardUnits)} pulled forward from later weeks`,
  ].filter((_, i) => (i === 0 ? p.cannibalisedUnits : p.pulledForwardUnits) >= 0.5);
  const costs = [
    p.discountCost >= 0.5 ? `${formatWhole(p.discountCost)} discount cost` : "",
    p.mediaCost >= 0.5 ? `${formatWhole(p.mediaCost)} media` : "",
  ].filter(Boolean);
  const saved =
    p.carryingCostSaved >= 0.5
      ? `, including ${formatWhole(p.carryingCostSaved)} carrying cost saved on excess stock`
      : "";
  return [
    `Recommend ${scenarioWords(c)}.`,
    `Forecast: ${formatWhole(p.promoUnits)} units against a baseline of ${formatWhole(p.baselineUnits)} (lift ${p.liftPct.toFixed(0)} %)${units.length ? `, of which ${units.join(" and ")}` : ""}. ` +
      `Expected incremental margin ${formatWhole(p.incrementalMargin)}${cur} (80 % interval ${formatWhole(lo)} to ${formatWhole(hi)})` +
      `${costs.length ? ` after ${costs.join(" and ")}` : ""}${saved}; ROI ${p.roi.toFixed(2)}. Stock needed ${formatWhole(p.stockNeeded)} of ${formatWhole(p.stockAvailable)} available.`,
  ];
}

/** The best alternative with its expected margin and how far it falls short, or why it was ruled out. */
function alternativeWords(a: Alternative, chosen: EvaluatedScenario, cur: string): string {
  const m = a.prediction.incrementalMargin;
  if (a.scenario.mechanic === "none") return "no promotion, which adds no incremental margin";
  const words = `${scenarioWords({ ...a, feasible: true, constraints: [] })}: expected margin ${formatWhole(m)}${cur}`;
  if (a.whyNot.startsWith("ruled out"))
    return `${words}, ${a.whyNot.replace(/ \(expected margin [^)]*\)$/, "")}`;
  const gap = chosen.prediction.incrementalMargin - m;
  return `${words}, ${formatWhole(Math.abs(gap))} ${gap >= 0 ? "less" : "more, but not chosen"} (lift ${a.prediction.liftPct.toFixed(0)} %)`;
}

/** The targeting agent's audience in two sentences with its numbers. */
function audienceSentence(a: Audience, cur: string): string {
  const out = a.segments
    .filter((g) => g.action === "no_contact")
    .sort((x, y) => y.shoppers - x.shoppers)[0];
  const by = a.limitedBy === "none" ? "" : ` (limited by ${a.limitedBy})`;
  return `Audience on ${a.channels.join(", ") || "no targeted channel"}: ${formatWhole(a.contacts)} of ${formatWhole(a.shoppers)} shoppers contacted, ${formatWhole(a.discounts)} of them with a discount, for an expected incremental margin of ${formatWhole(a.expectedIncrementalMargin)}${cur} after ${formatWhole(a.contactCost + a.discountCost)}${cur} of contacts and discounts${by}.${out ? ` Largest group not contacted: ${formatWhole(out.shoppers)} — ${out.reason}.` : ""}${a.policy ? ` ${policySentence(a.policy)}` : ""}${a.timing ? ` ${timingSentence(a.timing)}` : ""}`;
}

/** When the contact goes out, and how much fatigue took off the contacted shoppers' response. */
function timingSentence(t: AudienceTiming): string {
  const f = t.fatigue;
  const tired = f.contactedWithRecentCampaigns
    ? ` ${formatWhole(f.contactedWithRecentCampaigns)} contacted shoppers had campaigns in the 84 days before (their response ×${f.meanFactorContacted.toFixed(2)} of the uplift fitted on past experiments).`
    : "";
  return `Contact ${t.contactWeek === 1 ? "at launch" : `in week ${t.contactWeek}`} (${t.sendDate}): ${t.why}.${tired}`;
}

/** The learned targeting policy as a decision table in one sentence. */
function policySentence(p: AudiencePolicy): string {
  const rows = p.segments.map(
    (s) => `${s.conditions.join(" and ") || "everyone"} → ${s.action.replaceAll("_", " ")}`,
  );
  const head =
    p.uses === "tree"
      ? "Learned policy (tree on doubly robust scores)"
      : `Learned policy: ${p.fallback.replaceAll("_", " ")} for everyone`;
  return `${head}: ${rows.join("; ")} — ${p.why}.`;
}
