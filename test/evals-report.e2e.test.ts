import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  liftBacktestSuite,
  perceptionSuite,
  policySuite,
  runEvalsCommand,
} from "../evals/runner/index.js";
import { pilotSuite } from "../evals/runner/suites/pilot.js";

const CHROMIUM = "/usr/bin/chromium";
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SHOT = join(repoRoot, "out", "evals-report.png");
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

interface SvgBox {
  width: number;
  height: number;
  marks: number;
}

// The slice of playwright-core used here, typed locally so this file compiles without the package.
interface Page {
  goto(url: string): Promise<unknown>;
  screenshot(o: { path: string; fullPage: boolean }): Promise<unknown>;
  $$eval<R>(selector: string, fn: (els: SVGSVGElement[]) => R): Promise<R>;
}
interface BrowserType {
  launchPersistentContext(
    dir: string,
    o: Record<string, unknown>,
  ): Promise<{ newPage(): Promise<Page>; close(): Promise<void> }>;
}
const PLAYWRIGHT = "playwright-core";

/** With playwright-core: load the page, screenshot it, and measure every SVG as laid out. */
async function withPlaywright(html: string, profile: string): Promise<SvgBox[] | null> {
  let chromium: BrowserType;
  try {
    ({ chromium } = (await import(PLAYWRIGHT)) as { chromium: BrowserType });
  } catch {
    return null; // playwright-core not installed: the CLI fallback below takes the screenshot
  }
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS.slice(1),
    headless: true,
    viewport: { width: 1200, height: 900 },
  });
  try {
    const page = await browser.newPage();
    await page.goto(`file://${html}`);
    await page.screenshot({ path: SHOT, fullPage: true });
    return await page.$$eval("figure svg", (svgs) =>
      svgs.map((s) => {
        const r = s.getBoundingClientRect();
        return {
          width: r.width,
          height: r.height,
          marks: s.querySelectorAll("path, rect, line").length,
        };
      }),
    );
  } finally {
    await browser.close();
  }
}

/** Without playwright-core: the chromium CLI screenshot, and SVGs counted from the HTML. */
function withCli(html: string, profile: string): SvgBox[] {
  const r = spawnSync(
    CHROMIUM,
    [
      ...ARGS,
      `--user-data-dir=${profile}`,
      `--screenshot=${SHOT}`,
      "--window-size=1200,3200",
      `file://${html}`,
    ],
    { timeout: 90_000 },
  );
  if (r.status !== 0) throw new Error(`chromium failed: ${r.stderr?.toString() ?? ""}`);
  const text = readFileSync(html, "utf8");
  return [
    ...text.matchAll(
      /<svg[^>]*width="(\d+(?:\.\d+)?)"[^>]*height="(\d+(?:\.\d+)?)"[\s\S]*?<\/svg>/g,
    ),
  ].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
    marks: (m[0].match(/<path|<rect|<line/g) ?? []).length,
  }));
}

describe.skipIf(!existsSync(CHROMIUM))("evals HTML report in headless Chromium", () => {
  let dir: string;
  let html: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "autopromo-evals-e2e-"));
    html = join(dir, "report.html");
    const flags = { html, db: join(dir, "evals.db") };
    const quiet = { out: () => {}, err: () => {} };
    // Perception on its generated worlds only (the demo seeds take half a minute); a six-week,
    // one-seed pilot so its two charts are drawn from a real report (the 10-seed run is `npm run
    // evals`); two stored runs so the history charts have a line; lift-backtest is skipped without the data.
    // The policy suite without its HTTP and CLI paths: evals/policy's own test runs those.
    const registry = [
      policySuite({ paths: false }),
      perceptionSuite({ demoSeeds: [] }),
      liftBacktestSuite(),
      pilotSuite({ weeks: 6, seeds: [1] }),
    ];
    await runEvalsCommand(["policy"], { db: flags.db }, quiet, registry);
    await runEvalsCommand([], flags, quiet, registry);
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("renders every chart as a non-empty SVG and writes out/evals-report.png", async () => {
    mkdirSync(dirname(SHOT), { recursive: true });
    rmSync(SHOT, { force: true });
    const profile = join(dir, "profile");
    const svgs = (await withPlaywright(html, profile)) ?? withCli(html, profile);
    expect(svgs.length).toBeGreaterThanOrEqual(3);
    for (const s of svgs) {
      expect(s.width).toBeGreaterThan(50);
      expect(s.height).toBeGreaterThan(30);
      expect(s.marks).toBeGreaterThan(3);
    }
    expect(statSync(SHOT).size).toBeGreaterThan(20_000);
    const text = readFileSync(html, "utf8");
    expect(text).not.toMatch(/<script|https?:\/\/(?!vega\.github\.io|www\.w3\.org)/);
    // The pilot's charts are drawn; a suite that did not run (uplift) leaves its placeholder.
    expect(text).toContain("Incremental margin against baselines");
    expect(text).not.toContain("Comes with the pilot");
    expect(text).toContain("run the uplift suite");
  }, 120_000);
});

if (!existsSync(CHROMIUM)) console.warn(`skipping the evals HTML e2e test: ${CHROMIUM} is missing`);
