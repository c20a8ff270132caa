import type { TopLevelSpec } from "vega-lite";
import { vegaLiteSvg } from "../../charts.js";
import type { Db } from "../../store/index.js";

/** One week of a campaign: what the model forecast and what was sold. */
export interface WeekPoint {
  week: string;
  series: "forecast (promo)" | "baseline" | "realised";
  units: number;
}

interface Chosen { scenario: { sku: string; market: string; startDate: string; weeks: number }; prediction: { promoUnits: number; baselineUnits: number } }

/** Forecast per week (the prediction spread evenly over the promotion's weeks) and realised sales per retail week. */
export function realisedVsForecast(db: Db, decisionId: string): WeekPoint[] {
  const row = db.prepare("SELECT record FROM decisions WHERE id = ?").get(decisionId) as { record: string } | undefined;
  const chosen = row ? (JSON.parse(row.record) as { chosen: Chosen | null }).chosen : null;
  if (!chosen || chosen.scenario.weeks <= 0) return [];
  const { sku, market, startDate, weeks } = chosen.scenario;
  const end = new Date(Date.parse(`${startDate}T00:00:00Z`) + (weeks * 7 + 6) * 86_400_000).toISOString().slice(0, 10);
  const sold = db
    .prepare("SELECT retail_week AS week, sum(units) AS units FROM sales WHERE sku = ? AND market_id = ? AND retail_week >= ? AND retail_week <= ? GROUP BY retail_week ORDER BY retail_week")
    .all(sku, market, startDate, end) as { week: string; units: number }[];
  const points: WeekPoint[] = [];
  for (let i = 0; i < weeks; i++) {
    const week = new Date(Date.parse(`${startDate}T00:00:00Z`) + i * 7 * 86_400_000).toISOString().slice(0, 10);
    points.push({ week, series: "forecast (promo)", units: chosen.prediction.promoUnits / weeks }, { week, series: "baseline", units: chosen.prediction.baselineUnits / weeks });
  }
  for (const s of sold) points.push({ week: s.week, series: "realised", units: s.units });
  return points;
}

/** A static Vega-Lite SVG (rendered headless on the server, so the page needs no chart library). */
export async function campaignChartSvg(title: string, points: readonly WeekPoint[]): Promise<string> {
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
        field: "series", type: "nominal", title: null,
        scale: { domain: ["forecast (promo)", "baseline", "realised"], range: ["#2563eb", "#9ca3af", "#dc2626"] },
        legend: { orient: "bottom" },
      },
    },
  };
  return vegaLiteSvg(spec);
}
