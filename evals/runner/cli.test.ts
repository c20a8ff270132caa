import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runEvalsCommand } from "./cli.js";
import { metric } from "./metric.js";
import type { Suite } from "./types.js";

const dir = mkdtempSync(join(tmpdir(), "autopromo-evals-runner-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const qini = (value: number): Suite => ({
  name: "uplift",
  description: "stub",
  fast: false,
  run: async () => ({
    metrics: [metric("visit Qini", value, { threshold: 0, strict: true })],
    charts: [
      {
        id: "uplift-qini-visit",
        title: "Qini",
        kind: "line",
        x: { title: "share", type: "quantitative" },
        y: { title: "visits" },
        points: [
          { x: 0, y: 0, series: "random" },
          { x: 1, y: 5, series: "random" },
        ],
      },
    ],
    details: null,
  }),
});

describe("runEvalsCommand", () => {
  it("exits 1 only under --threshold, and shows the change against the previous run", async () => {
    const db = join(dir, "h.db");
    const lines: string[] = [];
    const out = { out: (t: string) => lines.push(t), err: () => {} };
    const first = await runEvalsCommand([], { db }, out, [qini(-0.02)]);
    expect(first.exitCode).toBe(0);
    expect(first.report.passed).toBe(false);
    const second = await runEvalsCommand(
      [],
      { db, threshold: true, html: join(dir, "r.html") },
      out,
      [qini(-0.013)],
    );
    expect(second.exitCode).toBe(1);
    expect(second.report.runId).toBe(2);
    expect(second.report.suites[0]!.metrics[0]).toMatchObject({
      previous: -0.02,
      change: expect.closeTo(0.007, 9),
      pass: false,
    });
    expect(lines.at(-1)).toMatch(
      /uplift FAIL[\s\S]*visit Qini[\s\S]*> 0[\s\S]*FAIL[\s\S]*\+0\.007/,
    );
    const html = readFileSync(join(dir, "r.html"), "utf8");
    expect(html).toContain("visit Qini is -0.013");
    expect(html).toContain("Comes with the pilot");
    expect(html.match(/<svg/g)!.length).toBeGreaterThanOrEqual(2);
  });
});
