import { campaignHistory, findCampaign } from "../../channels/index.js";
import type { DecisionRecord } from "../../domain/decision.js";
import type { Alternative } from "../../domain/scenario.js";
import { campaignPerformance } from "../../monitoring/index.js";
import type { Db } from "../../store/index.js";
import { campaignChartSvg, realisedVsForecast } from "./chart.js";
import { actionWords, chosenAction, safeApprovalStatus } from "./decision-summary.js";
import { badge, money, verdictWords, when } from "./format.js";
import { actionButton, esc, table } from "./html.js";

const cur = (r: DecisionRecord) =>
  typeof r.inputs.currency === "string" ? r.inputs.currency : null;

function chosen(r: DecisionRecord): string {
  const a = chosenAction(r);
  const p = r.chosen?.prediction;
  if (!a || !p) return `<p>No action chosen. ${esc(r.outcome.reason)}</p>`;
  const c = cur(r);
  const [lo, hi] = p.interval80.incrementalMargin;
  const facts = [
    [
      "expected incremental margin",
      `${money(p.incrementalMargin, c)} (80 %: ${money(lo)} to ${money(hi)})`,
    ],
    ["lift", `${p.liftPct.toFixed(1)} % (${money(p.netIncrementalUnits)} net incremental units)`],
    ["price", `${p.regularPrice} → ${p.promoPrice} ${c ?? ""}`.trim()],
    ["discount cost · media", `${money(p.discountCost, c)} · ${money(p.mediaCost, c)}`],
    ["ROI", p.roi.toFixed(2)],
    ["stock needed / available", `${money(p.stockNeeded)} / ${money(p.stockAvailable)} units`],
  ];
  const dl = facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("");
  return `<p class="action"><strong>${esc(a.words)}</strong></p><dl class="facts">${dl}</dl>`;
}

function alternatives(r: DecisionRecord): string {
  const c = cur(r);
  const rows = r.alternatives.map((x: Alternative) => {
    const s = x.scenario;
    const words = actionWords({
      skus: [s.sku],
      mechanic: s.mechanic,
      depthPct: s.depthPct,
      weeks: s.weeks,
      startDate: s.startDate,
      channels: s.channels,
    });
    const [lo, hi] = x.prediction.interval80.incrementalMargin;
    return [
      esc(words),
      `${esc(money(x.prediction.incrementalMargin, c))}<br><span class="muted">80 %: ${esc(money(lo))} to ${esc(money(hi))}</span>`,
      esc(x.whyNot),
    ];
  });
  return `<section aria-labelledby="alt-h"><h3 id="alt-h">Alternatives and why each lost <span class="muted">(${r.considered} scenarios considered)</span></h3>${table(["alternative", "expected incremental margin", "why not"], rows, "No alternative recorded.")}</section>`;
}

function rules(r: DecisionRecord): string {
  const p = r.policy;
  if (!p)
    return `<section aria-labelledby="rules-h"><h3 id="rules-h">Policy</h3><p class="muted">Not checked: nothing was proposed.</p></section>`;
  const order = { block: 0, escalate: 1, pass: 2 };
  const row = (x: (typeof p.rules)[number]) => [
    `<code>${esc(x.id)}</code>`,
    `<span class="st st-${x.outcome}">${esc(x.outcome)}</span>`,
    esc(x.reason),
    esc(x.roles?.join(", ") ?? ""),
  ];
  const head = ["rule", "outcome", "reason", "escalated to"];
  const flagged = [...p.rules]
    .filter((x) => x.outcome !== "pass")
    .sort((a, b) => order[a.outcome] - order[b.outcome]);
  const passed = p.rules.filter((x) => x.outcome === "pass");
  const verdict = `${esc(verdictWords(p.verdict))} by policy ${esc(p.policyVersion.slice(0, 12))}, ${when(p.checkedAt)}`;
  // Passes are folded, not dropped: the page still holds every rule's result.
  const passes = passed.length
    ? `<details class="passes"><summary>${passed.length} rule${passed.length === 1 ? "" : "s"} passed</summary>${table(head, passed.map(row), "")}</details>`
    : "";
  return `<section aria-labelledby="rules-h"><h3 id="rules-h">Every rule's result</h3><p>${verdict}</p>${flagged.length ? table(head, flagged.map(row), "") : ""}${passes}</section>`;
}

const voteButtons = (id: string) =>
  `<p>${actionButton("Approve", `/approvals/${id}`, { decision: "approve" }, "comment", "ok")} ${actionButton("Reject", `/approvals/${id}`, { decision: "reject" }, "comment", "danger")}</p>`;

function approvalsOf(db: Db, r: DecisionRecord): string {
  const s = safeApprovalStatus(db, r.approvalRequestId);
  const votes = s?.votes ?? r.approvals;
  const rows = votes.map((v) => [
    esc(v.approver),
    esc(v.role),
    badge(v.decision === "approve" ? "approved" : "rejected"),
    esc(v.comment),
    when(v.votedAt),
  ]);
  const missing = s ? [...s.missing.allOf, ...s.missing.anyOf.map((g) => g.join(" or "))] : [];
  const head = s
    ? `<p>Request <code>${esc(s.request.id)}</code>: ${badge(s.request.status)}${missing.length && s.request.status === "pending" ? ` — waiting for ${esc(missing.join(", "))}, deadline ${when(s.request.deadlineAt)}` : ""}</p>${s.request.status === "pending" ? voteButtons(s.request.id) : ""}`
    : `<p class="muted">No approval was needed.</p>`;
  return `<section aria-labelledby="votes-h"><h3 id="votes-h">Approvals</h3>${head}${rows.length ? table(["who", "role", "vote", "comment", "when"], rows, "") : ""}</section>`;
}

async function campaign(db: Db, r: DecisionRecord): Promise<string> {
  const id = r.outcome.campaignId;
  const rec = id ? findCampaign(db, id) : undefined;
  if (!id || !rec)
    return `<section aria-labelledby="camp-h"><h3 id="camp-h">Campaign</h3><p class="muted">No campaign: ${esc(r.outcome.reason)}</p></section>`;
  const history = campaignHistory(db, id).map((e) => [
    when(e.at),
    badge(e.to),
    esc(e.by),
    esc(e.reason),
  ]);
  const perf = campaignPerformance(db, rec);
  let actuals = `<p class="muted">No forecast on record for this campaign.</p>`;
  if (perf) {
    const t = perf.totals;
    const words = perf.weeks.length
      ? `${perf.weeks.length}/${perf.weeksPlanned} weeks: ${money(t.actualUnits)} units sold vs ${money(t.forecastUnits)} forecast; incremental margin ${money(t.realisedIncrementalMargin)} realised vs ${money(t.forecastIncrementalMargin)} forecast`
      : `no actuals yet (${perf.weeksPlanned} weeks planned)`;
    actuals = `<figure>${await campaignChartSvg(`${id}: realised vs forecast`, realisedVsForecast(perf, rec.startDate))}<figcaption>${esc(words)}</figcaption></figure>`;
  }
  return `<section aria-labelledby="camp-h"><h3 id="camp-h">Campaign <code>${esc(id)}</code> ${badge(rec.status ?? "not scheduled")}</h3>${actuals}${table(["when", "to", "by", "why"], history, "No lifecycle event yet.")}</section>`;
}

/** A decision's page: explanation, alternatives, every rule, approvals, campaign status and actuals. */
export async function renderDecision(
  db: Db,
  r: DecisionRecord,
  explanation: string,
): Promise<string> {
  const findings = r.findings.map((f) => `<li>${esc(f.summary)}</li>`).join("");
  const trigger = r.trigger.reason ? `${r.trigger.kind}: ${r.trigger.reason}` : r.trigger.kind;
  return `<article id="decision" aria-labelledby="decision-h"><p><a href="#">← back to the overview</a></p>
<h2 id="decision-h">${esc(`${r.scope.category ?? "*"} / ${r.scope.market ?? "*"}`)} ${badge(r.status)}</h2>
<p class="muted"><code>${esc(r.id)}</code> · ${when(r.createdAt)} · ${esc(trigger)} · model ${esc(r.modelVersion)} · ${esc(r.reasoner.name)}</p>
<section aria-labelledby="chosen-h"><h3 id="chosen-h">Chosen</h3>${chosen(r)}</section>
<section aria-labelledby="why-h"><h3 id="why-h">Explanation</h3><pre class="explain">${esc(explanation)}</pre>${findings ? `<h4>What it saw</h4><ul>${findings}</ul>` : ""}</section>
${alternatives(r)}
${rules(r)}
${approvalsOf(db, r)}
${await campaign(db, r)}
</article>`;
}
