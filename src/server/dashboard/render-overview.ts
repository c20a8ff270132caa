import { esc, table } from "./html.js";
import { badge, money, pct, statusRank, verdictWords, when } from "./format.js";
import type {
  AccuracyTimeline,
  DecisionSummary,
  Overview,
  SpendResponse,
  StockRiskResponse,
} from "./schemas.js";

const decisionLink = (id: string, text: string) =>
  `<a href="#decision/${encodeURIComponent(id)}">${esc(text)}</a>`;

function expected(s: DecisionSummary): string {
  const e = s.expected;
  if (!e) return `<span class="muted">–</span>`;
  return `<strong>${esc(money(e.incrementalMargin, e.currency))}</strong><br><span class="muted">80 %: ${esc(money(e.low))} to ${esc(money(e.high))}</span>`;
}

function approvers(s: DecisionSummary): string {
  if (s.mustApprove.length)
    return `${esc(s.mustApprove.join(", "))}<br><span class="muted">deadline ${when(s.deadlineAt)}</span>`;
  return s.status === "awaiting_approval" ? "request closed" : `<span class="muted">nobody</span>`;
}

function decisionRow(s: DecisionSummary): string[] {
  const scope = `${s.category ?? "*"} / ${s.market ?? "*"}`;
  const what = s.action ? esc(s.action.words) : `<span class="muted">${esc(s.why)}</span>`;
  return [
    `${decisionLink(s.id, scope)}<br><span class="muted">${when(s.createdAt, "short")} · ${esc(s.trigger)}</span>`,
    what,
    expected(s),
    `${badge(s.status)}<br><span class="muted">${esc(verdictWords(s.verdict))}</span>`,
    approvers(s),
  ];
}

function counts(o: Overview): string {
  const parts = Object.entries(o.counts)
    .sort((a, b) => statusRank(a[0]) - statusRank(b[0]))
    .map(([k, n]) => `${n} ${badge(k)}`);
  if (o.fallback)
    return `<p class="muted">No decisions today (${esc(o.today)}); the latest ones follow.</p>`;
  return `<p>Today (${esc(o.today)}): ${parts.join(" · ") || "none"}</p>`;
}

/** What the system did today and why. */
export function decisionsToday(o: Overview): string {
  const rows = o.decisions.map(decisionRow);
  const t = table(
    ["scope · decided", "chosen action", "expected incremental margin", "verdict", "must approve"],
    rows,
    "No decisions yet: the first cycle has not run.",
  );
  return `<section id="today" aria-labelledby="today-h"><h2 id="today-h">What the system decided today, and why</h2>${counts(o)}${t}</section>`;
}

function spendCell(
  m: SpendResponse["periods"][number]["markets"][number],
  currency: string,
): string {
  const own = money(m.committed, m.currency);
  if (m.currency === currency) return esc(own);
  const conv = m.inPolicyCurrency === null ? "no FX rate" : money(m.inPolicyCurrency, currency);
  return `${esc(conv)}<br><span class="muted">${esc(own)}</span>`;
}

/** Committed spend per market and period against the caps, in the policy currency. */
export function spendPanel(s: SpendResponse): string {
  const rows = s.periods.map((p) => [
    `${esc(p.kind)} <span class="muted">${esc(p.key)}</span>`,
    p.markets
      .map((m) => `<span class="mk">${esc(m.market)}: ${spendCell(m, s.currency)}</span>`)
      .join(" ") || `<span class="muted">nothing committed</span>`,
    `<strong>${esc(money(p.total, s.currency))}</strong>`,
    p.cap === null
      ? `<span class="muted">${esc(p.capSource)}</span>`
      : esc(money(p.cap, s.currency)),
    p.share === null
      ? "–"
      : `<meter min="0" max="1" low="0.7" high="0.9" optimum="0.2" value="${Math.min(1, p.share)}" aria-label="${esc(`${p.kind} ${p.key} share of cap`)}"></meter> ${esc(pct(p.share))}`,
  ]);
  const note = s.unconverted.length
    ? `<p class="bad">No FX rate to ${esc(s.currency)} for ${esc(s.unconverted.join(", "))}: their totals are not added.</p>`
    : "";
  return `<section id="spend" aria-labelledby="spend-h"><h2 id="spend-h">Spend against budget (${esc(s.currency)})</h2>${table(["period", "per market", "total", "cap / budget", "used"], rows, "No spend committed.")}${note}<p class="muted">Approved and launched campaigns, spread evenly over their days; market amounts converted at the stored FX rate.</p></section>`;
}

/** The accuracy record over time: the evidence for widening or narrowing autonomy. */
export function accuracyPanel(a: AccuracyTimeline): string {
  const rows = a.months.map((m) => [
    esc(m.month),
    esc(m.settled),
    esc(money(m.forecastMargin)),
    esc(money(m.settledMargin)),
    esc(m.withInterval ? `${pct(m.coverage)} of ${m.withInterval}` : "–"),
  ]);
  const t = a.total;
  if (rows.length)
    rows.push([
      `<strong>all</strong>`,
      `<strong>${esc(t.settled)}</strong>`,
      `<strong>${esc(money(t.forecastMargin))}</strong>`,
      `<strong>${esc(money(t.settledMargin))}</strong>`,
      `<strong>${esc(t.withInterval ? `${pct(t.coverage)} of ${t.withInterval}` : "–")}</strong>`,
    ]);
  const head = [
    "settled in",
    "campaigns",
    "forecast incr. margin",
    "settled incr. margin",
    "inside 80 % interval",
  ];
  return `<section id="accuracy-timeline" aria-labelledby="acc-h"><h2 id="acc-h">Accuracy record over time</h2>${table(head, rows, "No campaign settled yet: campaigns enter the record when they end or are stopped.")}<p class="muted">An 80 % interval should hold about 80 % of settled results; far less argues for narrowing autonomy.</p></section>`;
}

/** SKU × market positions at risk of running out or holding too much. */
export function stockPanel(s: StockRiskResponse): string {
  const rows = s.risks.map((r) => [
    esc(`${r.sku}`),
    esc(`${r.category} / ${r.market}`),
    `<span class="${r.risk === "stock-out" ? "bad" : "warn"}">${esc(r.risk)}</span>`,
    esc(`${r.weeksOfCover.toFixed(1)} weeks`),
    esc(money(r.onHand)),
    esc(money(r.weeklySales)),
  ]);
  const lines = `stock-out under ${s.thresholds.stockoutCoverWeeks} weeks of cover, excess over ${s.thresholds.excessCoverWeeks}`;
  return `<section id="stock-risk" aria-labelledby="stock-h"><h2 id="stock-h">Stock risk</h2>${table(["SKU", "category / market", "risk", "cover", "on hand", "sold / week"], rows, `No position at risk among ${s.positions}.`)}<p class="muted">${esc(`${s.risks.length} of ${s.positions} SKU × market positions flagged (${lines}).`)}</p></section>`;
}

/** One line per question a reader brings, above the detail: spend, stock, accuracy, approvals. */
export function headline(o: Overview): string {
  const week = o.spend.periods[0];
  const c = o.spend.currency;
  const spend = week?.cap
    ? `${money(week.total)} of ${money(week.cap, c)} this week (${pct(week.share)})`
    : `${money(week?.total, c)} this week`;
  const outs = o.stockRisk.risks.filter((r) => r.risk === "stock-out").length;
  const excess = o.stockRisk.risks.length - outs;
  const t = o.accuracy.total;
  const acc = t.settled
    ? `${t.settled} settled, ${t.withInterval ? `${pct(t.coverage)} inside the 80 % interval` : "none with an interval"}`
    : "no campaign settled yet";
  const waiting = o.decisions.filter((d) => d.mustApprove.length).length;
  const items = [
    ["Waiting for people", `${waiting} decision${waiting === 1 ? "" : "s"}`, "#approvals"],
    ["Spend", spend, "#spend"],
    ["Stock risk", `${outs} stock-out, ${excess} excess`, "#stock-risk"],
    ["Accuracy record", acc, "#accuracy-timeline"],
  ];
  const dl = items
    .map(
      ([k, v, href]) =>
        `<div><dt>${esc(k)}</dt><dd><a href="${href}" data-scroll>${esc(v)}</a></dd></div>`,
    )
    .join("");
  return `<section id="headline" aria-label="At a glance"><dl>${dl}</dl></section>`;
}
