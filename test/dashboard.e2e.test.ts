import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignEdits, campaignHistory } from "../src/channels/index.js";
import { killSwitchState } from "../src/policies/index.js";
import type { Overview } from "../src/server/dashboard/schemas.js";
import { createToken, startServer, type RunningServer } from "../src/server/index.js";
import { openDb } from "../src/store/index.js";
import { seedDashboard, SERVER_NOW } from "./dashboard.fixtures.js";
import { CHROMIUM, hasChromium, launchChromium, seriousViolations } from "./browser.js";
import { steppingClock } from "./server/helpers.js";

if (!hasChromium)
  console.warn(
    `dashboard e2e skipped: ${CHROMIUM} is missing (install Debian's chromium; .ci/run does)`,
  );

/** Whole units with separators, as people read them; written here so the test does not share the page's formatter. */
const whole = (x: number) => String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

describe.skipIf(!hasChromium)("dashboard in a real browser", () => {
  let server: RunningServer;
  let financeToken: string;
  let marketingToken: string;
  let dbPath: string;
  let approvals: { financeOnly: string; awaiting: string };

  beforeAll(async () => {
    dbPath = join(mkdtempSync(join(tmpdir(), "autopromo-e2e-")), "e2e.db");
    const seed = openDb(dbPath);
    approvals = await seedDashboard(seed);
    const clock = steppingClock(SERVER_NOW);
    financeToken = createToken(seed, { role: "finance", name: "fiona" }, clock).secret;
    marketingToken = createToken(seed, { role: "marketing", name: "mia" }, clock).secret;
    seed.close();
    // The fixture campaign runs 2025-03-03 → 2025-03-30: the server's day is inside it, so an edit is judged by policy, not refused as past.
    server = await startServer({
      dbPath,
      port: 0,
      hostname: "127.0.0.1",
      graph: false,
      clock: steppingClock(SERVER_NOW),
    });
  });
  afterAll(async () => server?.close());

  const api = async <T>(path: string, token = financeToken): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };

  it("shows today's decisions, spend, accuracy and stock risk as the API gives them, a decision's page, a live feed, relative deadlines in the viewer's zone, 0 serious axe violations; keeps approve, edit, pause and the kill switch working; saves screenshots", async () => {
    const browser = await launchChromium();
    try {
      // A viewer in Tokyo whose computer says it is five minutes after the server's clock.
      const context = await browser.newContext({
        viewport: { width: 1400, height: 900 },
        timezoneId: "Asia/Tokyo",
        locale: "en-US",
      });
      const page = await context.newPage();
      await page.clock.setFixedTime(new Date(Date.parse(SERVER_NOW) + 5 * 60_000));
      // CI runs this beside other suites on two cores; Playwright's 30 s default wait was seen to
      // run out there while the same page took 2 s alone. The conditions waited for are unchanged.
      page.setDefaultTimeout(120_000);
      await page.goto(server.url);
      expect(await seriousViolations(page), "sign-in screen").toEqual([]);
      // Announced before the page opens: the feed must show it on arrival, not stay empty.
      server.events.publish("decision", {
        decisionId: "d-await",
        status: "awaiting_approval",
        verdict: "escalate",
        category: "snacks",
        market: "US-EAST",
        trigger: "cycle",
      });
      await page.fill("#token", financeToken);
      await page.click("#login button[type=submit]");
      await page.waitForSelector("#today table");
      await page.waitForSelector("#feed-state:text('live')");
      await page.waitForSelector(
        "#feed li[data-type=decision]:has-text('snacks / US-EAST: awaiting approval (escalate, cycle)')",
      );

      // Every decision of the day, as GET /overview has it: action in words, margin with interval, verdict, who approves.
      const o = await api<Overview>("/overview");
      expect(o.decisions.map((d) => d.id)).toEqual(["d-await", "d-c-e2e", "d-none"]);
      for (const d of o.decisions) {
        const row = page.locator("#today tbody tr", {
          has: page.locator(`a[href="#decision/${d.id}"]`),
        });
        const text = (await row.textContent()) ?? "";
        expect(text, d.id).toContain(d.action?.words ?? d.why);
        if (d.expected)
          expect(text, d.id).toContain(
            `${whole(d.expected.incrementalMargin)} ${d.expected.currency}80 %: ${whole(d.expected.low)} to ${whole(d.expected.high)}`,
          );
        for (const role of d.mustApprove) expect(text, d.id).toContain(role);
      }
      const awaitingRow = page.locator("#today tbody tr", {
        has: page.locator('a[href="#decision/d-await"]'),
      });
      expect(await awaitingRow.textContent()).toContain(
        "SKU-2: price cut, 35 % off, 2 weeks from 2025-03-03 (store)310 EUR80 %: 150 to 470",
      );
      // The deadline, 48 h after 10:00 UTC on 12 March: relative to the viewer's clock, in Tokyo time (UTC+9).
      expect(await awaitingRow.locator("time").last().textContent()).toMatch(
        /^in 2 days · Fri, Mar 14, 07:00\sPM$/,
      );
      expect(await page.textContent("#today")).toContain(
        "Today (2025-03-12): 1 awaiting approval · 1 executed · 1 no promotion",
      );
      // At a glance, above the detail: the figures of the panels below.
      const week = o.spend.periods[0]!;
      expect(await page.textContent("#headline")).toBe(
        `Waiting for people1 decisionSpend${whole(week.total!)} of 25,000 EUR this week (2.6 %)Stock risk1 stock-out, 1 excessAccuracy record1 settled, 100.0 % inside the 80 % interval`,
      );

      // Spend per market and period, converted to the policy currency with the original beside it.
      for (const [i, p] of o.spend.periods.entries()) {
        const text = (await page.locator("#spend tbody tr").nth(i).textContent()) ?? "";
        expect(text).toContain(p.key);
        expect(text, p.key).toContain(
          p.total === null ? "–" : `${whole(p.total)} ${o.spend.currency}`,
        );
        for (const m of p.markets)
          expect(text, `${p.key} ${m.market}`).toContain(
            `${m.market}: ${whole(m.inPolicyCurrency!)} EUR`,
          );
      }
      expect(await page.textContent("#spend tbody tr:has-text('week of 2025-03-10')")).toContain(
        "UK: 398 EUR350 GBP",
      );
      // The accuracy record per month and stock risk, as their routes give them.
      for (const m of o.accuracy.months) {
        expect(
          await page.textContent(`#accuracy-timeline tbody tr:has-text('${m.month}')`),
        ).toContain(
          `${m.month}${m.settled}${whole(m.forecastMargin)}${whole(m.settledMargin)}100.0 % of 1`,
        );
      }
      for (const r of o.stockRisk.risks) {
        expect(await page.textContent(`#stock-risk tbody tr:has-text('${r.sku}')`)).toContain(
          `${r.risk}${r.weeksOfCover.toFixed(1)} weeks`,
        );
      }
      expect(await seriousViolations(page), "first screen").toEqual([]);
      mkdirSync("out", { recursive: true });
      await page.screenshot({ path: "out/dashboard.png", fullPage: true });

      // The campaigns, grouped, with the action in words and realised against forecast for each.
      const live = page.locator("#campaigns tr", { hasText: "c-e2e" });
      expect(await page.textContent("#campaigns-live")).toContain("Live now");
      expect(await live.textContent()).toContain(
        "SKU-1: price cut, 25 % off, 4 weeks from 2025-03-03 (store)",
      );
      expect(await live.locator("svg.spark").getAttribute("aria-label")).toMatch(
        /2\/4 weeks: 502 units sold vs 500 forecast/,
      );

      // A decision's page: explanation, alternatives and why each lost, every rule, campaign and actuals.
      await page.click('#today a[href="#decision/d-c-e2e"]');
      await page.waitForSelector("#decision-h");
      const rec = await api<{
        alternatives: { whyNot: string }[];
        policy: { rules: { id: string; reason: string }[] };
      }>("/decisions/d-c-e2e");
      const detail = (await page.textContent("#detail")) ?? "";
      for (const a of rec.alternatives) expect(detail).toContain(a.whyNot);
      for (const r of rec.policy.rules) expect(detail).toContain(`${r.id}pass${r.reason}`);
      expect(detail).toContain(
        "Decision d-c-e2e: recommend a 25 % price cut on SKU-1 for 4 weeks.",
      );
      expect(await page.textContent("#detail figure figcaption")).toMatch(
        /^2\/4 weeks: 502 units sold vs 500 forecast; incremental margin .* realised vs .* forecast$/,
      );
      expect(await page.isVisible("#panels")).toBe(false);
      expect(await seriousViolations(page), "decision page").toEqual([]);
      await page.screenshot({ path: "out/dashboard-decision.png", fullPage: true });

      // A decision waiting for people can be answered from its page; the vote shows there at once.
      page.on("dialog", (d) => void d.accept("within the quarter's budget"));
      await page.evaluate("location.hash = '#decision/d-await'");
      await page.waitForSelector("#decision-h:has-text('awaiting approval')");
      expect(await page.textContent("#detail")).toContain(
        "approval.depthescalatedepth 35 % > approval threshold 30 %finance",
      );
      await page.click("#detail button.ok");
      await page.waitForSelector("#detail td:text('fiona (finance)')");
      expect(await page.textContent("#detail")).toMatch(/waiting for legal or marketing/);
      await page.click("#detail a[href='#']");
      await page.waitForSelector("#today table");

      // Approve as finance: the request leaves the list and the feed shows the vote as it happens.
      await page
        .locator("#approvals tr", { hasText: approvals.financeOnly })
        .locator("button.ok")
        .click();
      await page.waitForSelector(`#approvals:not(:has-text('${approvals.financeOnly}'))`);
      await page.waitForSelector(
        "#feed li[data-type=approval]:has-text('approve by fiona (finance) → approved')",
      );

      // Overrides, as marketing: edit (re-checked by policy), pause, kill switch. Each prompt's answer
      // is the reason recorded with the token's name and role.
      await page.click("#logout");
      await page.fill("#token", marketingToken);
      await page.click("#login button[type=submit]");
      await page.waitForSelector("#feed-state:text('live')");
      const row = page.locator("#campaigns tr", { hasText: "c-e2e" });
      await row.locator("details.edit summary").click();
      await row.locator("input[name=discountPct]").fill("28");
      await row.locator("input[name=reason]").fill("match the rival's cut");
      // A refresh (one follows every live event) keeps an open edit open with what was typed.
      await page.evaluate("document.querySelector('#updated').textContent = ''");
      await page.click("#refresh");
      await page.waitForSelector("#updated:text('updated')");
      expect(await row.locator("details.edit").getAttribute("open")).not.toBeNull();
      expect(await row.locator("input[name=discountPct]").inputValue()).toBe("28");
      await row.locator("form[data-edit] button[type=submit]").click();
      await page.waitForSelector(
        "#status:text-matches('^edit (applied|awaiting_approval)|refused by policy')",
      );
      console.log(`dashboard edit: ${await page.textContent("#status")}`);
      page.removeAllListeners("dialog");
      page.on("dialog", (d) => void d.accept("wrong shelf labels in two stores"));
      await page
        .locator("#campaigns tr", { hasText: "c-e2e" })
        .locator("button", { hasText: "Pause" })
        .click();
      await page.waitForSelector("#campaigns-paused");
      expect(await page.textContent("#campaigns tr:has-text('c-e2e')")).toContain(
        "mia (marketing): wrong shelf labels in two stores",
      );
      page.removeAllListeners("dialog");
      page.on("dialog", (d) => void d.accept("pricing incident"));
      await page.click("#kill-switch button.danger");
      await page.waitForSelector("#kill-switch strong.bad:text('ON')");
      expect(await page.textContent("#kill-switch")).toContain("mia (marketing)");
      await page.waitForSelector(
        "#feed li[data-type=kill_switch]:has-text('turned ON by mia (marketing): pricing incident')",
      );
      expect(await seriousViolations(page), "after the overrides").toEqual([]);
      await page.screenshot({ path: "out/dashboard-overrides.png", fullPage: true });

      // Recorded under the token's name and role.
      const status = await api<unknown>(`/approvals/${approvals.financeOnly}`);
      expect(status).toMatchObject({
        request: { status: "approved" },
        votes: [
          { role: "finance", approver: "fiona (finance)", comment: "within the quarter's budget" },
        ],
      });
      const db = openDb(dbPath);
      try {
        expect(campaignEdits(db, "c-e2e")).toMatchObject([
          { by: "mia (marketing)", reason: "match the rival's cut" },
        ]);
        expect(campaignHistory(db, "c-e2e").at(-1)).toMatchObject({
          to: "paused",
          by: "mia (marketing)",
          reason: "wrong shelf labels in two stores",
        });
        expect(killSwitchState(db)).toMatchObject({
          on: true,
          by: "mia (marketing)",
          reason: "pricing incident",
        });
      } finally {
        db.close();
      }
    } finally {
      await browser.close();
    }
  }, 300_000);
});
