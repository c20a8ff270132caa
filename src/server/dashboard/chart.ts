import type { TopLevelSpec } from "vega-lite";
import { vegaLiteSvg } from "../../charts.js";
import type { CampaignPerformance } from "../../monitoring/index.js";

/** One week of a campaign: what the model forecast and what was sold. */
export interface WeekPoint {
  week: string;
  series: "forecast (promo)" | "baseline" | "realised";
  units: number;
}

/**
 * Forecast per week (the decision's totals spread evenly over the planned weeks), the baseline it
 * assumed, and realised sales per retail week so far.
 */
export function realisedVsForecast(perf: CampaignPerformance, startDate: string): WeekPoint[] {
  const f = perf.forecast;
  const points: WeekPoint[] = [];
  for (let i = 0; i < perf.weeksPlanned; i++) {
    const week =
      perf.weeks[i]?.week ??
      new Date(Date.parse(`${startDate}T00:00:00Z`) + (i * 7 + 6) * 86_400_000)
        .toISOString()
        .slice(0, 10);
    points.push(
      { week, series: "forecast (promo)", units: f.promoUnits / f.weeks },
      { week, series: "baseline", units: f.baselineUnits / f.weeks },
    );
  }
  for (const w of perf.weeks)
    points.push({ week: w.week, series: "realised", units: w.actualUnits });
  return points;
}

/** A static Vega-Lite SVG (rendered headless on the server, so the page needs no chart library). */
export async function campaignChartSvg(
  title: string,
  points: readonly WeekPoint[],
): Promise<string> {
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: title, fontSize: 12 },
    width: 320,
    height: 140,
    background: "white",
    data: { values: points.map((p) => ({ ...p })) },
    mark: { type: "line", point: true, strokeWidth: 2 },
    encoding: {
      x: { field: "week", type: "ordinal", title: "retail week" },
      y: { field: "units", type: "quantitative", title: "units / week" },
      color: {
        field: "series",
        type: "nominal",
        title: null,
        scale: {
          domain: ["forecast (promo)", "baseline", "realised"],
          range: ["#2563eb", "#9ca3af", "#dc2626"],
        },
        legend: { orient: "bottom" },
      },
    },
  };
  return vegaLiteSvg(spec);
}
