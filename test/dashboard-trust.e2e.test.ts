import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { Assessment } from "../src/assess/index.js";
import type { ShadowResponse } from "../src/server/dashboard/trust-schemas.js";
import { createToken, startServer, type RunningServer } from "../src/server/index.js";
import { openDb } from "../src/store/index.js";
import { hasChromium, launchChromium, seriousViolations } from "./browser.js";
import { steppingClock } from "./server/helpers.js";
import { seedTrust, trustPolicy } from "./trust.fixtures.js";

// Issue #32 item 4: the assessment and shadow pages in headless Chromium, reached from the
// dashboard's navigation, their figures as GET /assessment and GET /shadow give them, and an
// empty store's pages saying there is no history yet.

const NOW = "2026-11-02T10:00:00Z";
/** Whole units with separators, written here so the test does not share the page's formatter. */
const whole = (x: number) => Math.round(x).toLocaleString("en-US");
const pct0 = (x: number) => `${(100 * x).toFixed(0)} %`;

interface Served {
  server: RunningServer;
  token: string;
  dir: string;
}

async function serve(seed: boolean): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), "autopromo-trust-e2e-"));
  const dbPath = join(dir, "e2e.db");
  const db = openDb(dbPath);
  if (seed) await seedTrust(db);
  const token = createToken(db, { role: "viewer", name: "vic" }, steppingClock(NOW)).secret;
  db.close();
  const server = await startServer({
    dbPath,
    port: 0,
    hostname: "127.0.0.1",
    graph: false,
    clock: steppingClock(NOW),
    policy: trustPolicy(),
  });
  return { server, token, dir };
}

async function signIn(page: Page, s: Served): Promise<void> {
  page.setDefaultTimeout(120_000);
  await page.goto(s.server.url);
  await page.fill("#token", s.token);
  await page.click("#login button[type=submit]");
  await page.waitForSelector("#today");
}

const cells = (page: Page, sel: string) =>
  page.$$eval(sel, (rows) =>
    rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent ?? "")),
  );

describe.skipIf(!hasChromium)("assessment and shadow pages in a real browser", () => {
  let full: Served;
  let empty: Served;
  beforeAll(async () => {
    full = await serve(true);
    empty = await serve(false);
  });
  afterAll(async () => {
    for (const s of [full, empty]) {
      await s?.server.close();
      if (s) rmSync(s.dir, { recursive: true, force: true });
    }
  });

  const api = async <T>(s: Served, path: string): Promise<T> => {
    const res = await fetch(`${s.server.url}${path}`, {
      headers: { Authorization: `Bearer ${s.token}` },
    });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };

  it("shows the assessment and the shadow evidence as the JSON routes give them, with 0 serious axe violations", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await signIn(page, full);

      await page.click("header nav a[href='#assessment']");
      await page.waitForSelector("#assessment #loss-by-category");
      expect(await page.getAttribute("header nav a[href='#assessment']", "aria-current")).toBe(
        "page",
      );
      expect(await page.isHidden("#panels")).toBe(true);
      const a = await api<Assessment>(full, "/assessment");
      expect(await page.textContent("#summary")).toContain(`${a.events.assessed} promotion events`);
      const rows = await cells(page, "#loss-by-category tbody tr");
      expect(rows.map((r) => r[0])).toEqual(a.byCategory.map((g) => g.group));
      for (const [i, g] of a.byCategory.entries()) {
        expect(rows[i]![1], g.group).toBe(String(g.events));
        expect(rows[i]![2], g.group).toBe(
          `${pct0(g.lost.share)} (${pct0(g.lost.lower)}–${pct0(g.lost.upper)})`,
        );
      }
      expect((await cells(page, "#loss-by-depth tbody tr")).map((r) => r[0])).toEqual(
        a.byDepth.map((g) => g.group),
      );
      const feeds = await cells(page, "#maturity-feeds tbody tr");
      expect(feeds.map((r) => [r[0], r[1]])).toEqual(
        a.maturity.feeds.map((f) => [f.feed, whole(f.rows)]),
      );
      for (const line of a.maturity.impossible)
        expect(await page.textContent("#impossible")).toContain(line);
      expect(await page.locator("#assessment figure svg").count()).toBe(4);
      expect(await seriousViolations(page), "assessment page").toEqual([]);

      await page.click("header nav a[href='#shadow']");
      await page.waitForSelector("#shadow #shadow-summary");
      const s = await api<ShadowResponse>(full, "/shadow");
      const r = s.report;
      expect(await page.textContent("#shadow-overall")).toContain(r.overall.says);
      const summary = await cells(page, "#shadow-summary tbody tr");
      const groups = [...r.byCategory, ...r.byMarket, r.overall];
      expect(summary).toHaveLength(groups.length);
      for (const [i, g] of groups.entries()) {
        const row = summary[i]!;
        expect(row[0]).toBe(g.group);
        expect(row[2]).toBe(String(g.pairs));
        expect(row[4]).toBe(String(g.settledWeeks));
        expect(row[5]).toBe(whole(g.difference));
        expect(row[6]).toBe(`${whole(g.lower)} to ${whole(g.upper)}`);
        expect(row[7]).toBe(`${g.verdict}${g.says}`);
      }
      // the thin category says so plainly; tune's proposal follows the interval
      expect(summary.map((x) => x[7]).join(" ")).toContain("too thin to judge");
      const tune = await cells(page, "#shadow-tune tbody tr");
      expect(tune).toEqual(s.tune.map((t) => [t.subject, t.action, t.change]));
      const differ = await cells(page, "#shadow-differ tbody tr");
      const pairs = r.pairs.filter((p) => p.agreement === "differ").reverse();
      expect(differ.map((x) => x[2])).toEqual(pairs.map((p) => p.why));
      expect(differ.map((x) => x[5])).toEqual(pairs.map((p) => whole(p.difference!)));
      expect(await page.locator("#shadow figure svg").count()).toBe(1);
      expect(await seriousViolations(page), "shadow page").toEqual([]);

      // back to the overview from the navigation
      await page.click("header nav a[href='#overview']");
      await page.waitForSelector("#panels:not([hidden]) #today");
      expect(await page.isHidden("#trust")).toBe(true);
    } finally {
      await browser.close();
    }
  });

  it("says there is no history yet on an empty store, with no server error", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const statuses: number[] = [];
      page.on("response", (res) => statuses.push(res.status()));
      await signIn(page, empty);
      await page.click("header nav a[href='#assessment']");
      await page.waitForSelector("#no-history");
      expect(await page.textContent("#no-history")).toContain("No sales history yet");
      expect(await seriousViolations(page), "empty assessment").toEqual([]);
      await page.click("header nav a[href='#shadow']");
      await page.waitForSelector("#no-shadow");
      expect(await page.textContent("#no-shadow")).toContain("No shadow decisions yet");
      expect(await seriousViolations(page), "empty shadow").toEqual([]);
      expect(statuses.filter((x) => x >= 500)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
