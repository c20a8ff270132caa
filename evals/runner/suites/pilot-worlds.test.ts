import { describe, expect, it } from "vitest";
import { buildWorldsReport } from "../../../src/pilot/index.js";
import { seedResult as seed } from "../../../src/pilot/testing.js";
import { renderChartSvg } from "../charts.js";
import { renderHtmlReport } from "../html/render.js";
import type { EvalReport } from "../schema.js";
import { worldCharts } from "./pilot-worlds.js";

describe("pilot-worlds charts", () => {
  const seeds = [
    seed(1, { agent: 1100, none: 1000, featureRule: 1040, upperBound: 1200 }),
    seed(2, { agent: 1060, none: 1000, featureRule: 1010, upperBound: 1150 }),
  ];
  const r = buildWorldsReport(
    [
      { world: "fatigue", seeds, truthKnowing: ["upperBound"] },
      { world: "base", seeds, truthKnowing: ["upperBound"] },
    ],
    52,
    0,
  );

  it("draws one chart per world: each strategy over no promotion with its paired 90 % interval", async () => {
    const charts = worldCharts(r);
    expect(charts.map((c) => c.id)).toEqual(["pilot-world-fatigue", "pilot-world-base"]);
    const agent = charts[0]!.points.find((p) => p.series === "agent")!;
    // Differences 100 and 60: mean 80, t(0.95, 1) = 6.314 × sd 28.28 / √2 = 126.3 each side.
    expect(agent).toMatchObject({
      x: "agent",
      y: 80,
      lo: Math.round(80 - 126.27),
      hi: Math.round(80 + 126.27),
    });
    expect(charts[0]!.points.map((p) => p.series)).toEqual(["agent", "featureRule", "upperBound"]);
    const svg = await renderChartSvg(charts[0]!);
    // Three bars and three whiskers.
    expect(
      (svg.match(/<path[^>]*aria-roledescription="bar"/g) ?? []).length +
        (svg.match(/role-mark[^"]*bar/g) ?? []).length,
    ).toBeGreaterThan(0);
    expect(svg).toContain("<svg");
  });

  it("the HTML report shows every world's figure", async () => {
    const report: EvalReport = {
      version: 1,
      runId: null,
      startedAt: "2026-01-01T00:00:00Z",
      finishedAt: "2026-01-01T00:01:00Z",
      gitSha: null,
      fast: false,
      thresholdsEnforced: false,
      dataDir: "/d",
      passed: true,
      suites: [
        {
          name: "pilot-worlds",
          description: "d",
          status: "pass",
          seconds: 1,
          metrics: [],
          charts: worldCharts(r),
          details: null,
        },
      ],
      history: [],
    };
    const html = await renderHtmlReport(report);
    expect(html).toContain("fatigue: margin over no promotion");
    expect(html).toContain("base: margin over no promotion");
    expect((html.match(/<figure>/g) ?? []).length).toBeGreaterThanOrEqual(2 + 5);
  });
});
