import { Error as ERRORS_ONLY, logger, parse as parseVega, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** Renders a Vega-Lite spec to a static SVG string, headless (no browser, no canvas). */
export async function vegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  // The libraries' warnings (a dropped channel, a merged legend) would reach the user's terminal
  // as noise about a chart they did not write; errors still throw.
  const view = new View(parseVega(compile(spec, { logger: logger(ERRORS_ONLY) }).spec), {
    renderer: "none",
    logLevel: ERRORS_ONLY,
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Keep about `max` points of a curve, always the last, so a 10,000-point curve stays a small file. */
export function thinCurve(
  x: readonly number[],
  y: readonly number[],
  max: number,
): [number, number][] {
  const step = Math.max(1, Math.ceil(x.length / max));
  const out: [number, number][] = [];
  for (let i = 0; i < x.length; i += step) out.push([x[i]!, y[i]!]);
  if ((x.length - 1) % step !== 0) out.push([x[x.length - 1]!, y[y.length - 1]!]);
  return out;
}
