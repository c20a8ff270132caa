import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Assessment } from "../src/assess/index.js";
import { registerAssessCommand } from "../src/cli/commands/assess.js";
import { runCli } from "../src/cli/testing.js";
import { hasChromium, launchChromium, seriousViolations } from "./browser.js";
import { scratchDir } from "./helpers.js";
import { fratSlice, realDataDir } from "./real-data.js";

// Issue #32 item 1: `autopromo assess` on Breakfast at the Frat, its JSON and its HTML page in
// headless Chromium. A slice of six Ohio stores by default; AUTOPROMO_SLOW_TESTS=1 runs the
// whole file, as the command does.

const FRAT = realDataDir("breakfast-at-the-frat");
const tmp = scratchDir();
afterAll(() => tmp.cleanup());
const OUT = resolve("out");

describe.skipIf(!FRAT)("autopromo assess on Breakfast at the Frat", () => {
  const full = process.env.AUTOPROMO_SLOW_TESTS === "1";
  const html = join(OUT, "assess.html");
  let report: Assessment;

  it("reports per category the share of promotions that lost money, with an interval, and names the missing feeds", async () => {
    mkdirSync(OUT, { recursive: true });
    const data = full ? FRAT! : fratSlice(FRAT!, join(tmp.dir, "frat"));
    const text = await runCli(
      [registerAssessCommand],
      ["assess", "--data", data, "--html", html, "--json"],
    );
    report = JSON.parse(text.slice(text.indexOf("{"))) as Assessment;
    const cats = report.byCategory.map((g) => g.group).sort();
    expect(cats).toEqual(["BAG SNACKS", "COLD CEREAL", "FROZEN PIZZA", "ORAL HYGIENE PRODUCTS"]);
    for (const g of report.byCategory) {
      expect(g.events, g.group).toBeGreaterThan(50);
      expect(g.lost.lower, g.group).toBeLessThanOrEqual(g.lost.share);
      expect(g.lost.upper, g.group).toBeGreaterThanOrEqual(g.lost.share);
      expect(g.lost.upper - g.lost.lower, g.group).toBeGreaterThan(0);
      // no cost in the data: the sensitivity brackets the central figure
      expect(g.lostAtHigh, g.group).toBeLessThanOrEqual(g.lost.share);
      expect(g.lostAtLow, g.group).toBeGreaterThanOrEqual(g.lost.share);
    }
    const missing = report.maturity.impossible.join("\n");
    expect(missing).toMatch(/inventory feed missing/);
    expect(missing).toMatch(/production feed missing/);
    expect(missing).toMatch(/unit cost missing for 58 of 58 products/);
    expect(report.maturity.feeds.find((f) => f.feed === "sales")!.without).toEqual([]);
    // the raw data's own moments: promotions on 24–32 % of store-SKU-weeks
    for (const p of report.patterns) {
      expect(p.promotedShare, p.category).toBeGreaterThan(0.15);
      expect(p.promotedShare, p.category).toBeLessThan(0.45);
    }
  });

  it.skipIf(!hasChromium)(
    "renders the HTML page with its charts and figures, accessible, in Chromium",
    async () => {
      expect(report, "the JSON test ran first").toBeDefined();
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        await page.goto(`file://${html}`);
        const charts = await page.$$eval("figure svg", (svgs) =>
          svgs.map((s) => ({
            width: s.getBoundingClientRect().width,
            marks: s.querySelectorAll("path, rect, line").length,
          })),
        );
        expect(charts).toHaveLength(4);
        for (const c of charts) {
          expect(c.width).toBeGreaterThan(200);
          expect(c.marks).toBeGreaterThan(5);
        }
        const summary = await page.textContent("#summary");
        const share = `${(100 * report.events.lost.share).toFixed(0)} %`;
        expect(summary).toContain(`${report.events.assessed} promotion events`);
        expect(summary).toContain(share);
        const firstRow = await page.$$eval("table:first-of-type tbody tr:first-child td", (tds) =>
          tds.map((td) => td.textContent ?? ""),
        );
        const top = report.byCategory[0]!;
        expect(firstRow[0]).toBe(top.group);
        expect(firstRow[1]).toBe(String(top.events));
        expect(firstRow[2]).toContain(`${(100 * top.lost.share).toFixed(0)} %`);
        expect(await page.textContent("#impossible")).toMatch(/inventory feed missing/);
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: join(OUT, "assess.png"), fullPage: true });
        expect(readFileSync(join(OUT, "assess.png")).length).toBeGreaterThan(10_000);
      } finally {
        await browser.close();
      }
    },
  );
});
