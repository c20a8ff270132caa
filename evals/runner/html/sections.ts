import { formatChange, formatValue, isWorse } from "../format.js";
import { thresholdLabel } from "../metric.js";
import type { EvalReport, Metric, SuiteResult } from "../schema.js";
import { esc } from "./escape.js";

const STATUS_WORD: Record<SuiteResult["status"], string> = {
  pass: "PASS",
  fail: "FAIL",
  skipped: "SKIPPED",
  error: "ERROR",
};

/** The run's header: overall verdict, when, which commit, which data. */
export function headerHtml(r: EvalReport): string {
  const ran = r.suites.filter((s) => s.status === "pass" || s.status === "fail");
  const failed = ran.filter((s) => s.status === "fail").length;
  const verdict = r.passed
    ? `<div class="verdict pass">All ${ran.length} suites that ran meet their thresholds</div>`
    : `<div class="verdict fail">${failed} of ${ran.length} suites miss a threshold${r.suites.some((s) => s.status === "error") ? "; a suite failed to run" : ""}</div>`;
  const when = new Date(r.startedAt).toISOString().replace("T", " ").slice(0, 16);
  return `<h1>autopromo evaluation report</h1>
<p class="meta">Run ${r.runId === null ? "(not stored)" : `#${r.runId}`} · ${esc(when)} UTC · ${r.gitSha ? `commit <code>${esc(r.gitSha.slice(0, 12))}</code>` : "no git commit"} · data <code>${esc(r.dataDir)}</code>${r.fast ? " · fast CI subset" : ""}</p>
${verdict}`;
}

/** One card per suite: status, time, thresholds met. */
export function cardsHtml(r: EvalReport): string {
  const cards = r.suites.map((s) => {
    const gated = s.metrics.filter((m) => m.threshold !== null);
    const sub =
      s.status === "skipped" || s.status === "error"
        ? esc(s.reason ?? "")
        : `${gated.filter((m) => m.pass).length} of ${gated.length} thresholds met · ${s.seconds.toFixed(1)} s`;
    return `<div class="card"><div class="name">${esc(s.name)} <span class="badge ${s.status}">${STATUS_WORD[s.status]}</span></div><div class="sub">${sub}</div></div>`;
  });
  return `<div class="cards">${cards.join("")}</div>`;
}

/** The misses, in words, so a reader does not have to hunt for them in the table. */
export function missesHtml(r: EvalReport): string {
  const items = r.suites.flatMap((s) =>
    s.metrics
      .filter((m) => !m.pass)
      .map(
        (m) =>
          `<li><b>${esc(s.name)}</b>: ${esc(m.name)} is ${esc(formatValue(m.value, m.unit))}, needs ${esc(thresholdLabel(m, (n) => formatValue(n, m.unit)))}</li>`,
      ),
  );
  const skipped = r.suites
    .filter((s) => s.status === "skipped" || s.status === "error")
    .map(
      (s) =>
        `<li><b>${esc(s.name)}</b> ${s.status === "skipped" ? "not run" : "failed to run"}: ${esc(s.reason ?? "")}</li>`,
    );
  if (!items.length && !skipped.length) return "";
  return `<div class="misses">${items.length ? `<b>Below threshold</b><ul>${items.join("")}</ul>` : ""}${skipped.length ? `<b>Not scored</b><ul>${skipped.join("")}</ul>` : ""}</div>`;
}

function changeCell(m: Metric): string {
  const text = formatChange(m);
  const cls =
    text === "new" || text === "=" || text === "–"
      ? "muted"
      : isWorse(m)
        ? "worse"
        : m.threshold === null
          ? ""
          : "better";
  return `<td class="num ${cls}">${esc(text)}</td>`;
}

/** Every metric against its threshold, with the change since the previous run of its suite. */
export function metricsTableHtml(r: EvalReport): string {
  const rows = r.suites.flatMap((s) => {
    if (!s.metrics.length)
      return [
        `<tr class="suite-first"><td>${esc(s.name)}</td><td colspan="5" class="muted">${STATUS_WORD[s.status]}: ${esc(s.reason ?? "")}</td></tr>`,
      ];
    return s.metrics.map((m, i) => {
      const result =
        m.threshold === null
          ? `<span class="muted">info</span>`
          : m.pass
            ? `<span class="ok">pass</span>`
            : `<span class="bad">FAIL</span>`;
      return `<tr${i === 0 ? ' class="suite-first"' : ""}><td>${i === 0 ? `<b>${esc(s.name)}</b>` : ""}</td><td>${esc(m.name)}</td><td class="num">${esc(formatValue(m.value, m.unit))}</td><td class="num">${esc(thresholdLabel(m, (n) => formatValue(n, m.unit)))}</td><td>${result}</td>${changeCell(m)}</tr>`;
    });
  });
  return `<table><thead><tr><th>suite</th><th>metric</th><th>value</th><th>threshold</th><th>result</th><th>vs previous run</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** A chart figure, or a placeholder box saying why there is no chart yet. */
export function figureHtml(
  title: string,
  svg: string | null,
  caption?: string,
  placeholder?: string,
): string {
  const body = svg ?? `<div class="placeholder">${esc(placeholder ?? "no data")}</div>`;
  return `<figure><h3>${esc(title)}</h3>${body}${caption ? `<figcaption>${esc(caption)}</figcaption>` : ""}</figure>`;
}
