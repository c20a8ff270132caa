import type { TopLevelSpec } from "vega-lite";
import { vegaLiteSvg } from "../../src/charts.js";
import type { ChartData, HistoryPoint } from "./schema.js";

const PALETTE = ["#1f5fa8", "#e08a1e", "#2e8b57", "#b03a48", "#6a4c93", "#888888"];
/** Chart size in pixels; below 400 wide a chart is a small multiple (no legend, fewer ticks). */
export interface ChartSize {
  width: number;
  height: number;
}
const MAIN: ChartSize = { width: 860, height: 300 };
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** The Vega-Lite spec for a chart: lines with points, or grouped bars; colours and dashes per series. */
export function chartSpec(c: ChartData, size: ChartSize = MAIN): TopLevelSpec {
  const small = size.width < 400;
  const series = [...new Set(c.points.map((p) => p.series))];
  const color = {
    field: "series",
    type: "nominal" as const,
    title: null,
    scale: {
      domain: series,
      range: series.map((s, i) => c.colors?.[s] ?? PALETTE[i % PALETTE.length]!),
    },
    // Small multiples share one legend in the page text instead of repeating it in every chart.
    legend: small
      ? null
      : { orient: "top" as const, labelLimit: 0, direction: "horizontal" as const },
  };
  const x = {
    field: "x",
    type: c.x.type,
    title: c.x.title,
    ...(c.x.format
      ? { axis: { format: c.x.format, labelAngle: 0 } }
      : { axis: { labelAngle: c.kind === "bar" ? 0 : undefined } }),
  };
  const y = {
    field: "y",
    type: "quantitative" as const,
    title: c.y.title,
    axis: { ...(c.y.format ? { format: c.y.format } : {}), tickCount: small ? 3 : 8 },
    ...(c.y.domain ? { scale: { domain: c.y.domain } } : {}),
  };
  const values = c.points.map((p) => ({
    ...p,
    x: c.x.type === "temporal" && typeof p.x === "string" ? `${p.x}T00:00:00Z` : p.x,
  }));
  const base = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: size.width,
    height: size.height,
    background: "white",
    data: { values },
    config: {
      font: FONT,
      axis: {
        labelFontSize: 11,
        titleFontSize: 12,
        titleFontWeight: 500 as const,
        gridColor: "#eceff3",
      },
      legend: { labelFontSize: 12 },
      view: { stroke: null },
    },
  };
  if (c.kind === "bar") {
    const encoding = {
      x: { ...x, axis: { labelAngle: 0, labelLimit: 220 } },
      xOffset: { field: "series" },
      y,
      color,
    };
    const bars = { mark: { type: "bar", cornerRadiusEnd: 2 }, encoding };
    if (!c.points.some((p) => p.lo !== undefined && p.hi !== undefined))
      return { ...base, ...bars } as TopLevelSpec;
    // Intervals as black whiskers over each bar (e.g. 90 % across seeds).
    const whiskers = {
      mark: { type: "rule", color: "#222", strokeWidth: 1.5 },
      encoding: {
        x: encoding.x,
        xOffset: encoding.xOffset,
        y: { field: "lo", type: "quantitative" },
        y2: { field: "hi" },
      },
    };
    return { ...base, layer: [bars, whiskers] } as TopLevelSpec;
  }
  return {
    ...base,
    mark: {
      type: "line",
      strokeWidth: small ? 1.5 : 2,
      point: small || series.length * 40 > values.length ? { size: small ? 20 : 30 } : false,
    },
    encoding: {
      x:
        c.x.type === "temporal"
          ? { ...x, timeUnit: "utcyearmonthdate", axis: { format: "%d %b", labelAngle: 0 } }
          : c.x.type === "ordinal"
            ? { ...x, ...(small ? { title: null } : {}), axis: { labelAngle: 0 } }
            : x,
      y,
      color,
      strokeDash: {
        field: "series",
        type: "nominal",
        scale: {
          domain: series,
          range: series.map((s) => (c.dashed?.includes(s) ? [6, 4] : [1, 0])),
        },
      },
    },
  } as TopLevelSpec;
}

/** Renders a chart to a static SVG string, headless (no browser, no canvas). */
export async function renderChartSvg(c: ChartData, size?: ChartSize): Promise<string> {
  return vegaLiteSvg(chartSpec(c, size));
}

/**
 * One small "metric over runs" chart per thresholded metric, with its threshold dashed, in the
 * order of `order` (the report's suites and metrics), then any others.
 */
export function historyCharts(
  points: readonly HistoryPoint[],
  order: readonly string[] = [],
): ChartData[] {
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const keys = [...new Set(points.map((p) => `${p.suite}\u0000${p.metric}`))].sort(
    (a, b) => rank(a) - rank(b),
  );
  return keys.map((key) => {
    const [suite, metric] = key.split("\u0000") as [string, string];
    const mine = points.filter((p) => p.suite === suite && p.metric === metric);
    return {
      id: `history-${suite}-${metric}`,
      title: `${suite}: ${metric}`,
      kind: "line" as const,
      x: { title: "run", type: "ordinal" as const },
      y: {
        title: "",
        ...(mine[0]?.unit === "%" ? { format: ".0%" } : {}),
        // A flat zero line (e.g. 0 false alarms against a ceiling of 0) needs a visible range.
        ...(mine.every((p) => p.value === 0 && (p.threshold ?? 0) === 0)
          ? { domain: [0, 1] as [number, number] }
          : {}),
      },
      points: mine.flatMap((p) => [
        { x: `#${p.runId}`, y: p.value, series: "value" },
        ...(p.threshold === null
          ? []
          : [{ x: `#${p.runId}`, y: p.threshold, series: "threshold" }]),
      ]),
      colors: { value: "#1f5fa8", threshold: "#b03a48" },
      dashed: ["threshold"],
    };
  });
}
