/** One named line of a chart, in data units. */
export interface ChartSeries {
  name: string;
  x: readonly number[];
  y: readonly number[];
  color: string;
  dashed?: boolean;
}

const W = 640;
const H = 400;
const M = { left: 64, right: 16, top: 40, bottom: 48 };
const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Keep at most `max` points, always including the last, so a 10,000-point curve stays a small file. */
function thin(x: readonly number[], y: readonly number[], max: number): [number, number][] {
  const step = Math.max(1, Math.ceil(x.length / max));
  const out: [number, number][] = [];
  for (let i = 0; i < x.length; i += step) out.push([x[i]!, y[i]!]);
  if ((x.length - 1) % step !== 0) out.push([x[x.length - 1]!, y[y.length - 1]!]);
  return out;
}

function ticks(lo: number, hi: number, n: number): number[] {
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/**
 * A self-contained SVG line chart (no library: the chart is three lines on linear axes, and the
 * project's dependencies are not this module's to change). x is shown as a share of customers.
 */
export function lineChartSvg(title: string, xLabel: string, yLabel: string, series: readonly ChartSeries[], xTotal: number): string {
  const all = series.flatMap((s) => s.y);
  const yLo = Math.min(0, ...all);
  const yHi = Math.max(...all) * 1.05 || 1;
  const px = (x: number): number => M.left + (x / xTotal) * (W - M.left - M.right);
  const py = (y: number): number => H - M.bottom - ((y - yLo) / (yHi - yLo)) * (H - M.top - M.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${esc(title)}</text>`,
  ];
  for (const t of ticks(yLo, yHi, 5)) {
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${py(t).toFixed(1)}" y2="${py(t).toFixed(1)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${M.left - 6}" y="${(py(t) + 4).toFixed(1)}" text-anchor="end">${t}</text>`);
  }
  for (let f = 0; f <= 1.0001; f += 0.2) {
    parts.push(`<text x="${px(f * xTotal).toFixed(1)}" y="${H - M.bottom + 16}" text-anchor="middle">${Math.round(f * 100)}%</text>`);
  }
  parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#333"/>`);
  parts.push(`<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#333"/>`);
  parts.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 10}" text-anchor="middle">${esc(xLabel)}</text>`);
  parts.push(`<text transform="translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  series.forEach((s, k) => {
    const pts = thin(s.x, s.y, 400).map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(" ");
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ""} points="${pts}"/>`);
    const ly = M.top + 8 + k * 18;
    parts.push(`<line x1="${M.left + 12}" x2="${M.left + 36}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ""}/>`);
    parts.push(`<text x="${M.left + 42}" y="${ly + 4}">${esc(s.name)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n");
}
