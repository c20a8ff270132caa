import type { TopLevelSpec } from "vega-lite";
import { thinCurve, vegaLiteSvg } from "../../charts.js";

/** One named line of a chart, in data units. */
export interface ChartSeries {
  name: string;
  x: readonly number[];
  y: readonly number[];
  color: string;
  dashed?: boolean;
}

/**
 * A static SVG line chart rendered by Vega-Lite, headless (no browser, no canvas). x is shown as
 * a share of `xTotal` (customers targeted).
 */
export async function lineChartSvg(
  title: string,
  xLabel: string,
  yLabel: string,
  series: readonly ChartSeries[],
  xTotal: number,
): Promise<string> {
  const values = series.flatMap((s) =>
    thinCurve(s.x, s.y, 400).map(([x, y]) => ({ series: s.name, share: x / xTotal, y })),
  );
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    width: 560,
    height: 320,
    background: "white",
    data: { values },
    mark: { type: "line", strokeWidth: 2 },
    encoding: {
      x: {
        field: "share",
        type: "quantitative",
        title: xLabel,
        axis: { format: ".0%" },
        scale: { domain: [0, 1] },
      },
      y: { field: "y", type: "quantitative", title: yLabel },
      color: {
        field: "series",
        type: "nominal",
        title: null,
        scale: { domain: series.map((s) => s.name), range: series.map((s) => s.color) },
        legend: { orient: "top-left", labelLimit: 0 },
      },
      strokeDash: {
        field: "series",
        type: "nominal",
        scale: {
          domain: series.map((s) => s.name),
          range: series.map((s) => (s.dashed ? [6, 4] : [1, 0])),
        },
        legend: null,
      },
    },
  };
  return vegaLiteSvg(spec);
}
