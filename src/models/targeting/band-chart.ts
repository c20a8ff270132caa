import type { TopLevelSpec } from "vega-lite";
import { vegaLiteSvg } from "../../charts.js";
import type { QiniBandPoint } from "./qini-bands.js";

/** One Qini curve with its interval band. */
export interface BandSeries {
  name: string;
  color: string;
  points: readonly QiniBandPoint[];
}

/** One policy's value with its interval. */
export interface PolicyBar {
  name: string;
  value: number;
  lo: number;
  hi: number;
}

/**
 * Two panels side by side, rendered headless by Vega-Lite: Qini curves with their bootstrap
 * bands (left) and policy values with their intervals (right), so a reader sees at once how
 * sure the ranking is and whether targeting beats a single e-mail.
 */
export async function qiniAndPolicySvg(
  title: string,
  bands: readonly BandSeries[],
  policies: readonly PolicyBar[],
  valueTitle: string,
): Promise<string> {
  const curve = bands.flatMap((b) => b.points.map((p) => ({ series: b.name, ...p })));
  const last = bands[0]?.points.at(-1)?.value ?? 0;
  const random = [
    { share: 0, value: 0 },
    { share: 1, value: last },
  ];
  const color = {
    field: "series",
    type: "nominal" as const,
    title: null,
    scale: { domain: bands.map((b) => b.name), range: bands.map((b) => b.color) },
    legend: { orient: "top-left" as const, labelLimit: 0 },
  };
  const x = {
    field: "share",
    type: "quantitative" as const,
    title: "customers targeted, by descending score",
    axis: { format: ".0%" },
    scale: { domain: [0, 1] },
  };
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    background: "white",
    hconcat: [
      {
        width: 420,
        height: 300,
        layer: [
          {
            data: { values: curve },
            mark: { type: "area", opacity: 0.18 },
            encoding: {
              x,
              y: { field: "lo", type: "quantitative", title: "incremental visits" },
              y2: { field: "hi" },
              color,
            },
          },
          {
            data: { values: curve },
            mark: { type: "line", strokeWidth: 2 },
            encoding: { x, y: { field: "value", type: "quantitative" }, color },
          },
          {
            data: { values: random },
            mark: { type: "line", strokeDash: [6, 4], color: "#777" },
            encoding: { x, y: { field: "value", type: "quantitative" } },
          },
        ],
      },
      {
        width: 260,
        height: 300,
        data: { values: policies.map((p) => ({ ...p })) },
        layer: [
          {
            mark: { type: "rule", strokeWidth: 2 },
            encoding: {
              y: {
                field: "name",
                type: "nominal",
                title: null,
                sort: null,
                axis: { labelLimit: 0 },
              },
              x: { field: "lo", type: "quantitative", title: valueTitle, scale: { zero: false } },
              x2: { field: "hi" },
            },
          },
          {
            mark: { type: "point", filled: true, size: 60 },
            encoding: {
              y: { field: "name", type: "nominal", sort: null },
              x: { field: "value", type: "quantitative" },
            },
          },
        ],
      },
    ],
  };
  return vegaLiteSvg(spec);
}
