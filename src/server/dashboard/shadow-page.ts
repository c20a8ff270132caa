import type { TopLevelSpec } from "vega-lite";
import { vegaLiteSvg } from "../../charts.js";
import type { ShadowPair, ShadowSummary } from "../../shadow/index.js";
import { money, pct } from "./format.js";
import { esc, table } from "./html.js";
import type { ShadowResponse } from "./trust-schemas.js";

/** Pairs listed under "where they differ": the most recent first, enough for a meeting. */
const DIFFER_ROWS = 20;

const range = (s: ShadowSummary) => `${money(s.lower)} to ${money(s.upper)}`;

function summaryRows(r: ShadowResponse["report"]): string[][] {
  const kinds: [string, ShadowSummary[]][] = [
    ["category", r.byCategory],
    ["market", r.byMarket],
    ["overall", [r.overall]],
  ];
  return kinds.flatMap(([kind, list]) =>
    list.map((s) => [
      esc(s.group),
      esc(kind),
      String(s.pairs),
      pct(s.agreement),
      String(s.settledWeeks),
      money(s.difference),
      range(s),
      `<strong>${esc(s.verdict)}</strong><br><span class="muted">${esc(s.says)}</span>`,
    ]),
  );
}

function differRow(p: ShadowPair): string[] {
  return [
    `${esc(p.category)} / ${esc(p.market)}`,
    `${esc(p.windowStart)} to ${esc(p.windowEnd)}`,
    esc(p.why),
    money(p.system.forecast),
    p.settled ? money(p.plannersMargin) : "not settled yet",
    p.settled ? money(p.difference) : "–",
  ];
}

/** The difference per category with its 90 % interval: a bar and a rule through zero. */
function differenceSvg(groups: readonly ShadowSummary[]): Promise<string> {
  const values = groups.map((g) => ({
    group: g.group,
    difference: g.difference,
    lower: g.lower,
    upper: g.upper,
  }));
  const y = { field: "group", type: "nominal" as const, title: null, sort: null };
  const x = (field: string, title?: string) => ({
    field,
    type: "quantitative" as const,
    ...(title ? { title } : {}),
  });
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "System − planners, incremental margin (90 % interval)", fontSize: 12 },
    width: 360,
    background: "white",
    data: { values },
    layer: [
      {
        mark: { type: "bar", color: "#1d4ed8" },
        encoding: { y, x: x("difference", "margin difference") },
      },
      {
        mark: { type: "rule", color: "#111827", strokeWidth: 2 },
        encoding: { y, x: x("lower"), x2: { field: "upper" } },
      },
      // zero is a guide, not a figure: hidden from screen readers
      {
        mark: { type: "rule", color: "#6b7280", strokeDash: [4, 3], aria: false },
        encoding: { x: { datum: 0 } },
      },
    ],
  };
  return vegaLiteSvg(spec);
}

/** A dashboard table with an id the page's tests and readers can find. */
const tableWithId = (id: string, head: string[], rows: string[][], empty: string) =>
  table(head, rows, empty).replace("<table>", `<table id="${id}">`);

const EMPTY_HINT =
  "Run autopromo start --shadow (or run --shadow, or list scopes under shadow in the policy) " +
  "with the planners' calendar ingested as planned_promotion.";
const NO_TUNE =
  "No category is in shadow under the policy (shadow.all or shadow.categories): " +
  "tune has nothing to propose.";
const HOW =
  "The planners' promotions are measured against each store's promotion-free baseline, with " +
  "the dip and the cannibalised siblings; the system's plan is valued by its forecast with its " +
  "interval, or at what the promotion made where both agree.";

/**
 * The dashboard's shadow view: agreement, the margin difference with its interval per category
 * and market (saying plainly when the evidence is too thin), tune's proposal per category in
 * shadow, and where the two plans differ and why. The figures are GET /shadow's.
 */
export async function renderShadowPage(s: ShadowResponse): Promise<string> {
  const r = s.report;
  const head = `<h2 id="shadow-h">Shadow mode: the system's plans beside the planners'</h2>`;
  const open = `<section id="shadow" aria-labelledby="shadow-h">${head}`;
  if (r.pairs.length === 0) {
    const none = `No shadow decisions yet: nothing to compare. ${EMPTY_HINT}`;
    return `${open}<p class="empty" id="no-shadow">${esc(none)}</p></section>`;
  }
  const settled = r.pairs.filter((p) => p.settled).length;
  const differ = r.pairs.filter((p) => p.agreement === "differ").reverse();
  const label = "Margin difference per category with 90 % intervals";
  const svg = (await differenceSvg(r.byCategory)).replace(
    "<svg",
    `<svg role="img" aria-label="${label}"`,
  );
  const caption =
    "System − planners per category: the bar is the estimate, the line its 90 % interval; " +
    "the dashed line is zero.";
  const latest = differ.length > DIFFER_ROWS ? `, latest ${DIFFER_ROWS}` : "";
  const tune = s.tune.map((t) => [esc(t.subject), esc(t.action), esc(t.change)]);
  const parts = [
    `<p id="shadow-overall"><strong>${esc(r.overall.says)}.</strong>`,
    ` ${r.pairs.length} shadow plans, ${settled} settled; the system and the planners agree on`,
    ` ${pct(r.overall.agreement)} of them. Evidence counts after ${s.minSettledWeeks} settled`,
    ` scope-weeks.</p>`,
    `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>`,
    `<h3>By category and market</h3>`,
    tableWithId(
      "shadow-summary",
      [
        "scope",
        "kind",
        "plans",
        "agree",
        "settled weeks",
        "system − planners",
        "90 % interval",
        "verdict",
      ],
      summaryRows(r),
      "",
    ),
    `<h3>Tune's proposal</h3>`,
    tune.length
      ? tableWithId("shadow-tune", ["category", "proposal", "change"], tune, "")
      : `<p class="empty" id="shadow-tune">${esc(NO_TUNE)}</p>`,
    `<p class="muted">A proposal is a change to the policy file that people approve`,
    ` (autopromo tune prints the diff); nothing is applied.</p>`,
    `<h3>Where they differ (${differ.length}${latest})</h3>`,
    tableWithId(
      "shadow-differ",
      ["scope", "weeks", "why", "system forecast", "planners' margin", "system − planners"],
      differ.slice(0, DIFFER_ROWS).map(differRow),
      "They agree on every plan.",
    ),
    `<p class="muted">${esc(HOW)}</p>`,
  ];
  return `${open}${parts.join("\n")}</section>`;
}
