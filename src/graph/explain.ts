import type { Audience, AudiencePolicy } from "../domain/audience.js";
import type { DecisionRecord } from "../domain/decision.js";
import { formatWhole } from "../domain/format.js";

/** A decision in plain language: what was chosen with its numbers, the verdict, the outcome and the counterfactual. */
export function explainDecision(r: DecisionRecord): string {
  const cur = typeof r.inputs.currency === "string" ? ` ${r.inputs.currency}` : "";
  const lines = [`Decision ${r.id} (${r.scope.category ?? "*"} in ${r.scope.market ?? "*"}, ${r.trigger.kind}${r.trigger.reason ? `: ${r.trigger.reason}` : ""}) — ${r.status}.`];
  if (r.findings.length) lines.push(`Seen: ${r.findings.slice(0, 3).map((f) => f.summary).join(" ")}`);
  lines.push(r.explanation || "No scenario was chosen.");
  if (r.audience) lines.push(audienceSentence(r.audience, cur));
  lines.push(`${r.considered.toLocaleString("en-US")} scenarios were simulated (model ${r.modelVersion}, reasoner ${r.reasoner.name}${r.reasoner.fallback ? `, fallback: ${r.reasoner.fallback}` : ""}).`);
  const alt = r.alternatives.find((a) => a.scenario.mechanic !== "none") ?? r.alternatives[0];
  if (alt && r.chosen) {
    const s = alt.scenario;
    lines.push(`Counterfactual: the best alternative was ${s.mechanic === "none" ? "no promotion" : `${s.sku} ${s.mechanic} at ${s.depthPct} % for ${s.weeks} week(s)`} with expected margin ${formatWhole(alt.prediction.incrementalMargin)}${cur} vs ${formatWhole(r.chosen.prediction.incrementalMargin)}${cur}; it lost because ${alt.whyNot}.`);
  }
  if (r.policy) {
    const flagged = r.policy.rules.filter((x) => x.outcome !== "pass");
    lines.push(`Policy ${r.policy.policyVersion.slice(0, 12)}: ${r.policy.verdict.toUpperCase()}${flagged.length ? ` — ${flagged.map((x) => `${x.id} ${x.outcome}: ${x.reason}`).join("; ")}` : " (every rule passed)"}.`);
  }
  for (const v of r.revisions) lines.push(`Attempt ${v.attempt} was blocked by ${v.blockedBy.join(", ")}; revised within ${JSON.stringify(v.limits)}.`);
  for (const a of r.approvals) lines.push(`${a.role} (${a.approver}) ${a.decision}d at ${a.votedAt}: ${a.comment}`);
  lines.push(`Outcome: ${r.outcome.status} — ${r.outcome.reason}${r.outcome.campaignId ? ` (campaign ${r.outcome.campaignId})` : ""}.`);
  return lines.join("\n");
}

/** The targeting agent's audience in two sentences with its numbers. */
function audienceSentence(a: Audience, cur: string): string {
  const out = a.segments.filter((g) => g.action === "no_contact").sort((x, y) => y.shoppers - x.shoppers)[0];
  const by = a.limitedBy === "none" ? "" : ` (limited by ${a.limitedBy})`;
  return `Audience on ${a.channels.join(", ") || "no targeted channel"}: ${formatWhole(a.contacts)} of ${formatWhole(a.shoppers)} shoppers contacted, ${formatWhole(a.discounts)} of them with a discount, for an expected incremental margin of ${formatWhole(a.expectedIncrementalMargin)}${cur} after ${formatWhole(a.contactCost + a.discountCost)}${cur} of contacts and discounts${by}.${out ? ` Largest group not contacted: ${formatWhole(out.shoppers)} — ${out.reason}.` : ""}${a.policy ? ` ${policySentence(a.policy)}` : ""}`;
}

/** The learned targeting policy as a decision table in one sentence. */
function policySentence(p: AudiencePolicy): string {
  const rows = p.segments.map((s) => `${s.conditions.join(" and ") || "everyone"} → ${s.action.replaceAll("_", " ")}`);
  const head = p.uses === "tree" ? "Learned policy (tree on doubly robust scores)" : `Learned policy: ${p.fallback.replaceAll("_", " ")} for everyone`;
  return `${head}: ${rows.join("; ")} — ${p.why}.`;
}
