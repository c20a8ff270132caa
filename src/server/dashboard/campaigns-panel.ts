import { campaignHistory, findCampaign, type CampaignRecord } from "../../channels/index.js";
import { campaignPerformance } from "../../monitoring/index.js";
import type { Db } from "../../store/index.js";
import { listCampaignSummaries, type CampaignSummary } from "../service/campaign-views.js";
import { proposalWords } from "./decision-summary.js";
import { badge, money, when } from "./format.js";
import { actionButton, esc, table } from "./html.js";
import { sparkline } from "./sparkline.js";

/** Groups in the order people look at them, with the words a group is known by. */
const GROUPS: [string, string][] = [
  ["live", "Live now"],
  ["paused", "Paused: someone must decide"],
  ["scheduled", "Scheduled"],
  ["ended", "Ended"],
  ["stopped", "Stopped"],
];
const OPEN = new Set(["scheduled", "live", "paused"]);
const PER_GROUP = 25;

/** A small form the page script posts as { changes, reason } to /campaigns/:id/edit. */
function editForm(id: string): string {
  const f = (name: string, label: string, attrs: string) =>
    `<label>${esc(label)} <input name="${name}" ${attrs}></label>`;
  return `<details class="edit"><summary>Edit</summary><form data-edit="/campaigns/${esc(id)}/edit">
${f("discountPct", "new depth %", 'type="number" min="0" max="99" step="0.5"')}
${f("endDate", "new end date", 'type="date"')}
${f("channels", "channels (comma-separated)", 'placeholder="store,ecommerce"')}
${f("reason", "why", "required")}<button type="submit">Re-check and apply</button></form></details>`;
}

function buttons(c: CampaignSummary): string {
  const id = c.id;
  return [
    c.status === "live" ? actionButton("Pause", `/campaigns/${id}/pause`, {}, "reason") : "",
    c.status === "paused" ? actionButton("Resume", `/campaigns/${id}/resume`, {}, "reason") : "",
    c.status && OPEN.has(c.status)
      ? actionButton("Stop", `/campaigns/${id}/stop`, {}, "reason", "danger")
      : "",
    (c.status === "live" || c.status === "scheduled") && c.decisionId ? editForm(id) : "",
  ].join(" ");
}

/** Realised against forecast units per week, drawn small, with the totals in words beside it. */
function actuals(db: Db, rec: CampaignRecord | undefined): string {
  const perf = rec ? campaignPerformance(db, rec) : null;
  if (!rec || !perf) return `<span class="muted">no forecast on record</span>`;
  const t = perf.totals;
  if (!perf.weeks.length)
    return `<span class="muted">no actuals yet · forecast ${esc(money(perf.forecast.promoUnits))} units</span>`;
  const forecast = Array.from(
    { length: perf.weeksPlanned },
    () => perf.forecast.promoUnits / perf.forecast.weeks,
  );
  const words = `${perf.weeks.length}/${perf.weeksPlanned} weeks: ${money(t.actualUnits)} units sold vs ${money(t.forecastUnits)} forecast; incremental margin ${money(t.realisedIncrementalMargin)} realised vs ${money(t.forecastIncrementalMargin)} forecast`;
  const svg = sparkline(
    [
      { label: "forecast", cls: "s-f", values: forecast },
      { label: "realised", cls: "s-r", values: perf.weeks.map((w) => w.actualUnits) },
    ],
    `units per week, forecast (blue) and realised (red): ${words}`,
  );
  return `${svg}<br><span class="actuals">${esc(words)}</span>`;
}

function row(db: Db, c: CampaignSummary): string[] {
  const rec = findCampaign(db, c.id);
  const p = rec?.proposal;
  const what = p ? proposalWords(p) : (c.category ?? "");
  const decision = c.decisionId
    ? ` · <a href="#decision/${encodeURIComponent(c.decisionId)}">decision</a>`
    : "";
  // A pause says why (the stop-loss names who must decide), so people see it without opening the history.
  const last = c.status === "paused" ? campaignHistory(db, c.id).at(-1) : undefined;
  const why = last ? `<br><span class="muted">${esc(`${last.by}: ${last.reason}`)}</span>` : "";
  const dates = c.startDate ? `${when(c.startDate)} → ${when(c.endDate)}` : "";
  return [
    `<code>${esc(c.id)}</code>${decision}<br>${esc(what)}`,
    `${esc(c.markets.join(", "))}`,
    `${badge(c.status ?? "not scheduled")}${why}`,
    dates,
    actuals(db, rec),
    buttons(c),
  ];
}

/** Campaigns grouped by status (live first), each with its action, dates, actuals and overrides. */
export function campaignsPanel(db: Db): string {
  const all = listCampaignSummaries(db);
  const groups = GROUPS.map(([status, label]) => {
    const mine = all.filter((c) => (c.status ?? "scheduled") === status);
    if (!mine.length) return "";
    const more =
      mine.length > PER_GROUP
        ? `<p class="muted">${mine.length - PER_GROUP} more (GET /campaigns).</p>`
        : "";
    const t = table(
      ["campaign", "markets", "status", "dates", "realised vs forecast", "override"],
      mine.slice(0, PER_GROUP).map((c) => row(db, c)),
      "",
    );
    return `<h3 id="campaigns-${esc(status)}">${esc(label)} <span class="muted">(${mine.length})</span></h3>${t}${more}`;
  });
  const body = groups.join("") || `<p class="empty">No campaigns yet.</p>`;
  return `<section id="campaigns" aria-labelledby="campaigns-h"><h2 id="campaigns-h">Campaigns</h2>${body}</section>`;
}
