import { esc } from "../html.js";
import type { Assessment } from "./assess.js";
import { coverageSvg, lossShareSvg } from "./charts.js";
import type { LossGroup, Share } from "./summary.js";

const pct = (x: number, digits = 0) => `${(100 * x).toFixed(digits)} %`;
const money = (x: number) => Math.round(x).toLocaleString("en-US").replace(/^-/, "−");
const interval = (s: Share) =>
  `${pct(s.share)} <span class="ci">(${pct(s.lower)}–${pct(s.upper)})</span>`;

function table(head: string[], rows: string[][], id?: string): string {
  const th = head.map((h) => `<th scope="col">${esc(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("");
  const attr = id ? ` id="${id}"` : "";
  return `<table${attr}><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function lossTable(groups: readonly LossGroup[], assumed: boolean, id: string): string {
  const head = [
    "group",
    "events",
    "lost money (90 % interval)",
    "lost beyond noise",
    ...(assumed ? ["lost at low / high margin rate"] : []),
    "incremental units",
    "post-promotion dip",
    "cannibalisation",
    "incremental margin",
  ];
  const rows = groups.map((g) => [
    esc(g.group),
    String(g.events),
    interval(g.lost),
    String(g.lostBeyondDoubt),
    ...(assumed ? [`${pct(g.lostAtLow)} / ${pct(g.lostAtHigh)}`] : []),
    pct(g.incrementalUnitsPct / 100, 1),
    pct(g.dipPct / 100, 1),
    pct(g.cannibalPct / 100, 1),
    money(g.incrementalMargin),
  ]);
  return table(head, rows, id);
}

function figure(svg: string, caption: string): string {
  const labelled = svg.replace("<svg", `<svg role="img" aria-label="${esc(caption)}"`);
  return `<figure>${labelled}<figcaption>${esc(caption)}</figcaption></figure>`;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#111827;max-width:1100px}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border-bottom:1px solid #d1d5db;
padding:.25rem .6rem;text-align:right}th:first-child,td:first-child{text-align:left}
.ci{color:#4b5563}figure{margin:1rem 0}figcaption{color:#374151;font-size:13px}
.warn{background:#fef3c7;padding:.5rem 1rem;border-left:4px solid #b45309}`;

/** The assessment as one self-contained HTML page with static SVG charts. */
export async function renderAssessmentHtml(a: Assessment): Promise<string> {
  return [
    `<!doctype html><html lang="en"><head><meta charset="utf-8">`,
    `<title>Promotion history assessment</title><style>${STYLE}</style></head><body><main>`,
    `<h1>Promotion history assessment</h1>`,
    await renderAssessmentSections(a),
    `</main></body></html>`,
  ].join("\n");
}

/** The assessment's sections (h2 headings down), for the standalone page and the dashboard. */
export async function renderAssessmentSections(a: Assessment): Promise<string> {
  const assumed = a.assumptions.costAssumed > 0;
  const o = a.assumptions;
  const m = a.maturity;
  const parts = [
    `<p id="summary">${a.events.assessed} promotion events measured against their own`,
    ` promotion-free baseline (${a.events.unassessed} had too few clean weeks around them).`,
    ` <strong>${interval(a.events.lost)}</strong> of them lost money.</p>`,
    assumed
      ? `<p class="warn">No unit cost for ${a.assumptions.costAssumed} events: margin assumes ${pct(o.marginRate)} of the regular price (sensitivity ${pct(o.marginRateLow)}–${pct(o.marginRateHigh)}).</p>`
      : "",
    `<h2>Promotions that lost money, by category</h2>`,
    figure(
      await lossShareSvg("By category", a.byCategory),
      "Share of promotions that lost money by category, with 90 % intervals",
    ),
    lossTable(a.byCategory, assumed, "loss-by-category"),
    `<h2>By mechanic</h2>`,
    figure(
      await lossShareSvg("By mechanic", a.byMechanic),
      "Share of promotions that lost money by mechanic, with 90 % intervals",
    ),
    lossTable(a.byMechanic, assumed, "loss-by-mechanic"),
    `<h2>By depth</h2>`,
    figure(
      await lossShareSvg("By depth", a.byDepth),
      "Share of promotions that lost money by depth of cut, with 90 % intervals",
    ),
    lossTable(a.byDepth, assumed, "loss-by-depth"),
    `<h2>How often and how deep</h2>`,
    table(
      [
        "category",
        "store-SKU-weeks",
        "promoted",
        "cut depth p10 / median / p90",
        "features without a cut",
        "weeks per event",
        "mechanic mix",
      ],
      a.patterns.map((p) => [
        esc(p.category),
        p.storeSkuWeeks.toLocaleString("en-US"),
        pct(p.promotedShare, 1),
        `${pct(p.depthP10)} / ${pct(p.depthMedian)} / ${pct(p.depthP90)}`,
        pct(p.featureWithoutCut, 1),
        p.meanEventWeeks.toFixed(1),
        esc(
          Object.entries(p.mechanics)
            .sort((x, y) => y[1] - x[1])
            .slice(0, 3)
            .map(([k, v]) => `${k} ${pct(v)}`)
            .join(", "),
        ),
      ]),
    ),
    `<h2>The ${a.worst.length} costliest promotions</h2>`,
    table(
      [
        "SKU",
        "store",
        "category",
        "mechanic",
        "depth",
        "first week",
        "weeks",
        "incremental units",
        "incremental margin",
      ],
      a.worst.map((e) => [
        esc(e.sku),
        esc(e.location || e.market),
        esc(e.category),
        esc(e.mechanic),
        pct(e.depth),
        esc(e.firstWeekEnd),
        String(e.weeks),
        money(e.incrementalUnits),
        money(e.margin),
      ]),
    ),
    `<h2>Data maturity</h2>`,
    `<h3>Feeds</h3>`,
    table(
      ["feed", "rows", "from", "to", "without it"],
      m.feeds.map((f) => [
        esc(f.feed),
        f.rows.toLocaleString("en-US"),
        esc(f.first ?? "—"),
        esc(f.last ?? "—"),
        esc(f.without.join("; ") || "present"),
      ]),
      "maturity-feeds",
    ),
    `<p>Products: ${m.products.total}; with a unit cost: ${m.products.withUnitCost}; with a regular price: ${m.products.withRegularPrice}.</p>`,
    `<h3>What cannot be decided yet</h3>`,
    m.impossible.length
      ? `<ul id="impossible">${m.impossible.map((x) => `<li>${esc(x)}</li>`).join("")}</ul>`
      : `<p id="impossible">Every feed the planner reads is present.</p>`,
    `<h3>Coverage</h3>`,
    figure(
      await coverageSvg(m.markets),
      "Sales rows present over series active, per market and week",
    ),
    table(
      ["market", "first week", "last week", "weeks", "weeks with no rows", "mean coverage"],
      m.markets.map((c) => [
        esc(c.market),
        esc(c.firstWeekEnd),
        esc(c.lastWeekEnd),
        String(c.weeks),
        esc(c.gapWeeks.length ? `${c.gapWeeks.length}: ${c.gapWeeks.slice(0, 5).join(", ")}` : "0"),
        pct(c.meanCoverage, 1),
      ]),
    ),
    `<h3>Ingest hygiene</h3>`,
    table(
      [
        "feed",
        "ingests",
        "rows read",
        "stored",
        "duplicates",
        "corrected",
        "quarantined",
        "late rows",
        "unfinished ingests",
      ],
      m.hygiene.map((h) => [
        esc(h.feed),
        String(h.ingests),
        String(h.rowsRead),
        String(h.stored),
        String(h.duplicates),
        String(h.corrected),
        String(h.quarantined),
        String(h.lateRows),
        String(h.unfinishedIngests),
      ]),
    ),
    `<h2>How this was measured</h2>`,
    `<p>An event is a run of consecutive promoted weeks of one SKU in one store (a feature, a display, a TPR flag or a price at least ${pct(o.minCut)} below the regular price). Its baseline is the mean of the clean weeks within ${o.window} weeks either side (${2 * o.window} when too few are that close; unpromoted and more than ${o.postWeeks} weeks after a promotion); at least ${o.minCleanWeeks} are needed. Incremental margin adds the event's weeks at their price, the ${o.postWeeks} weeks after it (the dip) and the unpromoted sibling SKUs of the same subcategory and store (cannibalisation, shared among concurrent promotions). Intervals on shares are 90 % Wilson intervals over events; "beyond noise" needs the margin's upper 90 % bound below zero.</p>`,
  ];
  return parts.join("\n");
}
