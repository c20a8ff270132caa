import { failingDeliveries, killSwitchState } from "../../channels/index.js";
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

async function campaigns(db: Db): Promise<string> {
  const all = listCampaignSummaries(db).slice(0, 30);
  const rows = all.map((c) => {
    const id = c.id;
    const btns = [
      c.status === "live" ? actionButton("Pause", `/campaigns/${id}/pause`, {}, "reason") : "",
      c.status === "paused" ? actionButton("Resume", `/campaigns/${id}/resume`, {}, "reason") : "",
      c.status && OPEN.has(c.status) ? actionButton("Stop", `/campaigns/${id}/stop`, {}, "reason", "danger") : "",
    ].join(" ");
    return [`<code>${esc(id)}</code>`, `<span class="st st-${esc(c.status)}">${esc(c.status ?? "not scheduled")}</span>`, esc(c.category ?? ""), esc(c.startDate ? `${c.startDate} → ${c.endDate ?? ""}` : ""), btns];
  });
  const charts: string[] = [];
  for (const c of all.filter((x) => x.decisionId && x.status && OPEN.has(x.status)).slice(0, 4)) {
    const points = realisedVsForecast(db, c.decisionId!);
    if (points.length) charts.push(`<figure>${await campaignChartSvg(`${c.id}: realised vs forecast`, points)}</figure>`);
  }
  return `<section id="campaigns"><h2>Campaigns</h2>${table(["campaign", "status", "category", "dates", "override"], rows, "No campaigns yet.")}<div class="charts">${charts.join("")}</div></section>`;
}

function accuracy(db: Db): string {
  const t = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%accuracy%' ORDER BY name LIMIT 1").get() as { name: string } | undefined;
  if (!t) return `<section id="accuracy"><h2>Accuracy record</h2><p class="empty">No accuracy record yet: this database has no accuracy table (the monitor that compares live results with predictions has not been built). This panel fills in once it exists.</p></section>`;
  const rows = db.prepare(`SELECT * FROM "${t.name.replace(/"/g, "")}" ORDER BY rowid DESC LIMIT 10`).all() as Record<string, unknown>[];
  const head = Object.keys(rows[0] ?? {});
  return `<section id="accuracy"><h2>Accuracy record</h2>${table(head, rows.map((r) => head.map((h) => esc(r[h]))), "The accuracy table is empty.")}</section>`;
}

function deliveries(db: Db): string {
  const rows = failingDeliveries(db).slice(0, 20).map((r) => [`<code>${esc(r.campaignId)}</code>`, esc(r.channel), esc(r.op), `<span class="st st-${esc(r.status)}">${esc(r.status)}</span>`, esc(r.attempts), esc(r.lastError ?? "")]);
  return `<section id="deliveries"><h2>Failing deliveries</h2>${table(["campaign", "channel", "op", "status", "attempts", "last error"], rows, "No failing deliveries.")}</section>`;
}

/** Every panel of the dashboard, rendered on the server from current data. */
export async function renderPanels(db: Db, source: DecisionSource, now: string): Promise<string> {
  return [killSwitch(db), approvals(db, now), decisions(source), await campaigns(db), deliveries(db), accuracy(db)].join("\n");
}
