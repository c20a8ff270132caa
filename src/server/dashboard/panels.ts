import { campaignHistory, failingDeliveries, findCampaign, killSwitchState } from "../../channels/index.js";
import { accuracyRecord, campaignPerformance } from "../../monitoring/index.js";
import type { Db } from "../../store/index.js";
import type { DecisionSource } from "../graph/port.js";
import { pendingApprovals } from "../routes/approvals.js";
import { listCampaignSummaries } from "../routes/campaign-views.js";
import { campaignChartSvg, realisedVsForecast } from "./chart.js";
import { actionButton, esc, table } from "./html.js";

const OPEN = new Set(["scheduled", "live", "paused"]);

function killSwitch(db: Db): string {
  const k = killSwitchState(db);
  const state = k.on ? `<strong class="bad">ON</strong> — autonomous launches are held` : `<strong class="good">off</strong> — autonomy active`;
  const who = k.at ? ` <span class="muted">(${esc(k.by)}, ${esc(k.at)}: ${esc(k.reason)})</span>` : "";
  const btn = k.on ? actionButton("Turn kill switch off", "/autonomy/kill-switch", { on: false }, "reason") : actionButton("Turn kill switch ON", "/autonomy/kill-switch", { on: true }, "reason", "danger");
  return `<section id="kill-switch"><h2>Kill switch</h2><p>${state}${who}</p>${btn}</section>`;
}

function decisions(source: DecisionSource): string {
  const rows = source.list(15).map((r) => {
    const rec = r as { id: string; status: string; scope?: { category?: string; market?: string }; createdAt?: string };
    const view = source.get(rec.id);
    return [`<code>${esc(rec.id)}</code>`, esc(`${rec.scope?.category ?? "*"} / ${rec.scope?.market ?? "*"}`), `<span class="st st-${esc(rec.status)}">${esc(rec.status)}</span>`, `<details><summary>why</summary><pre>${esc(view?.explanation ?? "")}</pre></details>`];
  });
  return `<section id="decisions"><h2>Decisions</h2>${table(["decision", "scope", "status", "explanation"], rows, "No decisions yet.")}</section>`;
}

function approvals(db: Db, now: string): string {
  const rows = pendingApprovals(db, now).map((s) => {
    const p = s.request.proposal as { id: string; scope?: { category?: string; markets?: string[] } };
    const missing = [...s.missing.allOf, ...s.missing.anyOf.map((g) => g.join(" or "))].join(", ");
    const why = s.request.verdict.rules.filter((r) => r.outcome !== "pass").map((r) => `${r.id}: ${r.reason}`).join("; ");
    return [`<code>${esc(s.request.id)}</code>`, esc(`${p.scope?.category ?? ""} ${p.scope?.markets?.join(",") ?? ""}`), esc(why), esc(missing), esc(s.request.deadlineAt),
      `${actionButton("Approve", `/approvals/${s.request.id}`, { decision: "approve" }, "comment", "ok")} ${actionButton("Reject", `/approvals/${s.request.id}`, { decision: "reject" }, "comment", "danger")}`];
  });
  return `<section id="approvals"><h2>Pending approvals</h2>${table(["request", "scope", "why escalated", "waiting for", "deadline", ""], rows, "Nothing waits for approval.")}</section>`;
}

/** A small form the page script posts as { changes, reason } to /campaigns/:id/edit. */
function editForm(id: string): string {
  return `<details class="edit"><summary>Edit</summary><form data-edit="/campaigns/${esc(id)}/edit">
<input name="discountPct" type="number" min="0" max="99" step="0.5" placeholder="depth %" aria-label="new depth %">
<input name="endDate" type="date" aria-label="new end date" title="start + 7·weeks − 1">
<input name="channels" placeholder="channels (store,ecommerce)" aria-label="channels">
<input name="reason" required placeholder="why" aria-label="reason"><button type="submit">Re-check and apply</button></form></details>`;
}

const money = (x: number) => (Math.round(x * 100) / 100).toLocaleString("en-US");

async function campaigns(db: Db): Promise<string> {
  const all = listCampaignSummaries(db).slice(0, 30);
  const rows = all.map((c) => {
    const id = c.id;
    const btns = [
      c.status === "live" ? actionButton("Pause", `/campaigns/${id}/pause`, {}, "reason") : "",
      c.status === "paused" ? actionButton("Resume", `/campaigns/${id}/resume`, {}, "reason") : "",
      c.status && OPEN.has(c.status) ? actionButton("Stop", `/campaigns/${id}/stop`, {}, "reason", "danger") : "",
      (c.status === "live" || c.status === "scheduled") && c.decisionId ? editForm(id) : "",
    ].join(" ");
    // A pause says why (the stop-loss names who must decide), so people see it without opening the history.
    const last = c.status === "paused" ? campaignHistory(db, id).at(-1) : undefined;
    const why = last ? `<br><span class="muted">${esc(`${last.by}: ${last.reason}`)}</span>` : "";
    return [`<code>${esc(id)}</code>`, `<span class="st st-${esc(c.status)}">${esc(c.status ?? "not scheduled")}</span>${why}`, esc(c.category ?? ""), esc(c.startDate ? `${c.startDate} → ${c.endDate ?? ""}` : ""), btns];
  });
  const charts: string[] = [];
  for (const c of all.filter((x) => x.decisionId && x.status && OPEN.has(x.status)).slice(0, 4)) {
    const rec = findCampaign(db, c.id);
    const perf = rec ? campaignPerformance(db, rec) : null;
    if (!rec || !perf) continue;
    const t = perf.totals;
    const caption = perf.weeks.length
      ? `${perf.weeks.length}/${perf.weeksPlanned} weeks: ${money(t.actualUnits)} units sold vs ${money(t.forecastUnits)} forecast; incremental margin ${money(t.realisedIncrementalMargin)} realised vs ${money(t.forecastIncrementalMargin)} forecast`
      : `no actuals yet (${perf.weeksPlanned} weeks planned; forecast ${money(perf.forecast.promoUnits)} units, in-window incremental margin ${money(perf.forecast.margin)})`;
    charts.push(`<figure>${await campaignChartSvg(`${c.id}: realised vs forecast`, realisedVsForecast(perf, rec.startDate))}<figcaption class="muted">${esc(caption)}</figcaption></figure>`);
  }
  return `<section id="campaigns"><h2>Campaigns</h2>${table(["campaign", "status", "category", "dates", "override"], rows, "No campaigns yet.")}<div class="charts">${charts.join("")}</div></section>`;
}

const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)} %`);

function accuracy(db: Db): string {
  const rows = accuracyRecord(db).map((r) => [esc(r.promotionType), esc(r.market), esc(r.n), esc(pct(r.mape)), esc(pct(r.bias)), esc(pct(r.marginMape)), esc(money(r.marginBias)), esc(pct(r.hitRate)), esc(pct(r.signRate))]);
  return `<section id="accuracy"><h2>Accuracy record</h2>${table(["type", "market", "settled", "units MAPE", "units bias", "margin error", "margin bias", "in 80 % interval", "sign right"], rows, "No accuracy record yet: campaigns are settled into it when they end or are stopped.")}</section>`;
}

function deliveries(db: Db): string {
  const rows = failingDeliveries(db).slice(0, 20).map((r) => [`<code>${esc(r.campaignId)}</code>`, esc(r.channel), esc(r.op), `<span class="st st-${esc(r.status)}">${esc(r.status)}</span>`, esc(r.attempts), esc(r.lastError ?? "")]);
  return `<section id="deliveries"><h2>Failing deliveries</h2>${table(["campaign", "channel", "op", "status", "attempts", "last error"], rows, "No failing deliveries.")}</section>`;
}

/** Every panel of the dashboard, rendered on the server from current data. */
export async function renderPanels(db: Db, source: DecisionSource, now: string): Promise<string> {
  return [killSwitch(db), approvals(db, now), decisions(source), await campaigns(db), deliveries(db), accuracy(db)].join("\n");
}
