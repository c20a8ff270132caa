import type { TopLevelSpec } from "vega-lite";
import { vegaLiteSvg } from "../charts.js";
import type { MarketCoverage } from "./maturity.js";
import type { LossGroup } from "./summary.js";

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** Share of events that lost money per group, with the 90 % interval as a rule. */
export function lossShareSvg(title: string, groups: readonly LossGroup[]): Promise<string> {
  const values = groups.map((g) => ({
    group: g.group,
    share: g.lost.share,
    lower: g.lost.lower,
    upper: g.lost.upper,
    events: g.events,
  }));
  const y = {
    field: "group",
    type: "nominal" as const,
    title: null,
    sort: null,
    axis: { labelLimit: 220 },
  };
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title: { text: title, fontSize: 13 },
    width: 360,
    background: "white",
    data: { values },
    layer: [
      {
        mark: { type: "bar", color: "#b45309" },
        encoding: {
          y,
          x: {
            field: "share",
            type: "quantitative",
            title: "share of promotions that lost money",
            axis: { format: "%" },
            scale: { domain: [0, 1] },
          },
        },
      },
      {
        mark: { type: "rule", color: "#111827", strokeWidth: 2 },
        encoding: {
          y,
          x: { field: "lower", type: "quantitative" },
          x2: { field: "upper" },
        },
      },
    ],
  };
  return vegaLiteSvg(spec);
}

/** Rows present over series active, per week, one line per market. */
export function coverageSvg(markets: readonly MarketCoverage[]): Promise<string> {
  const values = markets.flatMap((m) => m.coverage.map((c) => ({ market: m.market, ...c })));
  const spec: TopLevelSpec = {
    $schema: SCHEMA,
    title: { text: "Sales coverage by market and week", fontSize: 13 },
    width: 560,
    height: 160,
    background: "white",
    data: { values },
    mark: { type: "line", strokeWidth: 1.5 },
    encoding: {
      x: { field: "weekEnd", type: "temporal", title: "week ending" },
      y: {
        field: "share",
        type: "quantitative",
        title: "rows / active series",
        axis: { format: "%" },
        scale: { domain: [0, 1] },
      },
      color: { field: "market", type: "nominal", legend: { orient: "bottom" } },
    },
  };
  return vegaLiteSvg(spec);
}
