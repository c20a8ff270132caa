import { esc } from "./html.js";

export interface SparkSeries {
  label: string;
  /** CSS class giving the stroke colour. */
  cls: string;
  values: readonly number[];
}

/**
 * A small inline SVG line chart, drawn by hand so every campaign can have one without a chart
 * library on the page or a render per refresh. The label states the numbers for screen readers.
 */
export function sparkline(series: readonly SparkSeries[], label: string, w = 160, h = 40): string {
  const all = series.flatMap((s) => s.values);
  const n = Math.max(2, ...series.map((s) => s.values.length));
  const top = Math.max(1, ...all);
  const x = (i: number) => ((i / (n - 1)) * (w - 4) + 2).toFixed(1);
  const y = (v: number) => (h - 2 - (v / top) * (h - 4)).toFixed(1);
  const lines = series
    .filter((s) => s.values.length > 0)
    .map((s) => {
      const pts = s.values.map((v, i) => `${x(i)},${y(v)}`).join(" ");
      const dot =
        s.values.length === 1
          ? `<circle cx="${x(0)}" cy="${y(s.values[0]!)}" r="2" class="${esc(s.cls)}"/>`
          : "";
      return `<polyline points="${pts}" class="${esc(s.cls)}"/>${dot}`;
    });
  return `<svg class="spark" role="img" aria-label="${esc(label)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${lines.join("")}</svg>`;
}
