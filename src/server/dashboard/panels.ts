import { failingDeliveries } from "../../channels/index.js";
import { killSwitchState } from "../../policies/index.js";
import { accuracyRecord } from "../../monitoring/index.js";
import type { LoadedPolicy } from "../../policies/index.js";
import type { Db } from "../../store/index.js";
import type { DecisionSource } from "../graph/port.js";
import { pendingApprovals } from "../service/approvals-view.js";
import { campaignsPanel } from "./campaigns-panel.js";
import { proposalWords } from "./decision-summary.js";
import { badge, money, pct, when } from "./format.js";
import { actionButton, esc, table } from "./html.js";
import { buildOverview } from "./overview.js";
import {
  accuracyPanel,
  decisionsToday,
  headline,
  spendPanel,
  stockPanel,
} from "./render-overview.js";

function killSwitch(db: Db): string {
  const k = killSwitchState(db);
  const state = k.on
    ? `<strong class="bad">ON</strong> — autonomous launches are held`
    : `<strong class="good">off</strong> — autonomy active`;
  const who = k.at
    ? ` <span class="muted">(${esc(k.by)}, ${when(k.at)}: ${esc(k.reason)})</span>`
    : "";
  const btn = k.on
    ? actionButton("Turn kill switch off", "/autonomy/kill-switch", { on: false }, "reason")
    : actionButton(
        "Turn kill switch ON",
        "/autonomy/kill-switch",
        { on: true },
        "reason",
        "danger",
      );
  return `<section id="kill-switch" class="strip" aria-labelledby="ks-h"><h2 id="ks-h">Kill switch</h2><p>${state}${who}</p>${btn}</section>`;
}

function approvals(db: Db, source: DecisionSource, now: string): string {
  const rows = pendingApprovals(db, now).map((s) => {
    const decision = source.awaiting(s.request.id);
    const p = s.request.proposal;
    const what = proposalWords(p);
    const missing = [...s.missing.allOf, ...s.missing.anyOf.map((g) => g.join(" or "))].join(", ");
    const why = s.request.verdict.rules
      .filter((r) => r.outcome !== "pass")
      .map((r) => `${r.id}: ${r.reason}`)
      .join("; ");
    const scope = esc(`${p.scope.category} / ${p.scope.markets.join(", ")}`);
    const link = decision
      ? `<a href="#decision/${encodeURIComponent(decision)}">${scope}</a>`
      : scope;
    return [
      `${link}<br><code class="muted" title="approval request">${esc(s.request.id)}</code>`,
      esc(what),
      esc(why),
      esc(missing),
      when(s.request.deadlineAt),
      `${actionButton("Approve", `/approvals/${s.request.id}`, { decision: "approve" }, "comment", "ok")} ${actionButton("Reject", `/approvals/${s.request.id}`, { decision: "reject" }, "comment", "danger")}`,
    ];
  });
  return `<section id="approvals" aria-labelledby="apr-h"><h2 id="apr-h">Waiting for approval</h2>${table(["scope · request", "proposed action", "why escalated", "waiting for", "deadline", "vote"], rows, "Nothing waits for approval.")}</section>`;
}

function deliveries(db: Db): string {
  const rows = failingDeliveries(db)
    .slice(0, 20)
    .map((r) => [
      `<code>${esc(r.campaignId)}</code>`,
      esc(r.channel),
      esc(r.op),
      badge(r.status),
      esc(r.attempts),
      esc(r.lastError ?? ""),
    ]);
  return `<section id="deliveries" aria-labelledby="del-h"><h2 id="del-h">Failing deliveries</h2>${table(["campaign", "channel", "op", "status", "attempts", "last error"], rows, "No failing deliveries.")}</section>`;
}

function accuracyByType(db: Db): string {
  const rows = accuracyRecord(db).map((r) => [
    esc(r.promotionType),
    esc(r.market),
    esc(r.n),
    esc(pct(r.mape)),
    esc(pct(r.bias)),
    esc(pct(r.marginMape)),
    esc(money(r.marginBias)),
    esc(pct(r.hitRate)),
    esc(pct(r.signRate)),
  ]);
  return `<section id="accuracy" aria-labelledby="accbt-h"><h2 id="accbt-h">Accuracy by promotion type and market</h2>${table(["type", "market", "settled", "units MAPE", "units bias", "margin error", "margin bias", "in 80 % interval", "sign right"], rows, "No accuracy record yet: campaigns are settled into it when they end or are stopped.")}</section>`;
}

/** Every panel of the first screen, rendered on the server from the same objects GET /overview answers. */
export function renderPanels(
  db: Db,
  source: DecisionSource,
  policy: LoadedPolicy,
  now: Date,
): string {
  const o = buildOverview(db, source, policy, now);
  return [
    killSwitch(db),
    headline(o),
    decisionsToday(o),
    approvals(db, source, now.toISOString()),
    `<div class="row">${spendPanel(o.spend)}${stockPanel(o.stockRisk)}</div>`,
    `<div class="row">${accuracyPanel(o.accuracy)}${accuracyByType(db)}</div>`,
    campaignsPanel(db),
    deliveries(db),
  ].join("\n");
}
