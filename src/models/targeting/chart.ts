import { parse as parseVega, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** One named line of a chart, in data units. */
export interface ChartSeries {
  name: string;
  x: readonly number[];
  y: readonly number[];
  color: string;
  dashed?: boolean;
}

/** Keep at most `max` points, always including the last, so a 10,000-point curve stays a small file. */
function thin(x: readonly number[], y: readonly number[], max: number): [number, number][] {
  const step = Math.max(1, Math.ceil(x.length / max));
  const out: [number, number][] = [];
  for (let i = 0; i < x.length; i += step) out.push([x[i]!, y[i]!]);
  if ((x.length - 1) % step !== 0) out.push([x[x.length - 1]!, y[y.length - 1]!]);
  return out;
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
  const values = series.flatMap((s) => thin(s.x, s.y, 400).map(([x, y]) => ({ series: s.name, share: x / xTotal, y })));
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    width: 560,
    height: 320,
    background: "white",
    data: { values },
    mark: { type: "line", strokeWidth: 2 },
    encoding: {
      x: { field: "share", type: "quantitative", title: xLabel, axis: { format: ".0%" }, scale: { domain: [0, 1] } },
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
        scale: { domain: series.map((s) => s.name), range: series.map((s) => (s.dashed ? [6, 4] : [1, 0])) },
        legend: null,
      },
    },
  };
  const view = new View(parseVega(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
