import { afterEach, describe, expect, it, vi } from "vitest";
import { vegaLiteSvg } from "./charts.js";

afterEach(() => vi.restoreAllMocks());

describe("vegaLiteSvg", () => {
  it("renders without the chart libraries' warnings reaching the console", async () => {
    const said = [
      vi.spyOn(console, "warn"),
      vi.spyOn(console, "log"),
      vi.spyOn(console, "info"),
      vi.spyOn(console, "error"),
    ];
    // A shape on a bar is dropped by vega-lite with a WARN line: the kind of notice users saw.
    const spec = {
      data: { values: [{ x: 1, y: 2, c: "a" }] },
      mark: "bar",
      encoding: {
        x: { field: "x", type: "quantitative" },
        y: { field: "y", type: "quantitative" },
        shape: { field: "c", type: "nominal" },
      },
    } as const;
    expect(await vegaLiteSvg(spec)).toMatch(/^<svg/);
    for (const s of said) expect(s).not.toHaveBeenCalled();
  });
});
