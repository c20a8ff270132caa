import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken, startServer, type RunningServer } from "../src/server/index.js";
import { openDb } from "../src/store/index.js";
import { systemClock } from "../src/policies/index.js";
import { liveCampaign, pendingApproval } from "./server/helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`dashboard e2e skipped: ${CHROMIUM} is missing (install Debian's chromium; .ci/run does)`);

describe.skipIf(!hasChromium)("dashboard in a real browser", () => {
  let server: RunningServer;
  let financeToken: string;

  beforeAll(async () => {
    const dbPath = join(mkdtempSync(join(tmpdir(), "autopromo-e2e-")), "e2e.db");
    const seed = openDb(dbPath);
    const clock = systemClock();
    pendingApproval(seed, clock, "p-e2e", { financeOnly: true });
    await liveCampaign(seed, clock, "c-e2e");
    financeToken = createToken(seed, { role: "finance", name: "fiona" }, clock).secret;
    seed.close();
    server = await startServer({ dbPath, port: 0, hostname: "127.0.0.1", graph: false });
  });
  afterAll(async () => server?.close());

  it("signs in with a token, approves a pending approval, sees it leave the list and the live feed update; saves a screenshot", async () => {
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      // CI runs this beside other suites on two cores; Playwright's 30 s default wait was seen to
      // run out there while the same page took 2 s alone. The conditions waited for are unchanged.
      page.setDefaultTimeout(120_000);
      await page.goto(server.url);
      await page.fill("#token", financeToken);
      await page.click("#login button[type=submit]");
      await page.waitForSelector("#approvals code:text('apr-p-e2e-1')");
      await page.waitForSelector("#feed-state:text('live')");
      // The buttons ask for a comment with window.prompt.
      page.on("dialog", (d) => void d.accept("within the quarter's budget"));
      await page.click("#approvals button.ok");
      await page.waitForSelector("#approvals .empty:text('Nothing waits for approval.')");
      await page.waitForSelector("#feed li:text('approval')");
      expect(await page.textContent("#feed")).toContain('"status":"approved"');
      expect(await page.isVisible("#campaigns code:text('c-e2e')")).toBe(true);
      mkdirSync("out", { recursive: true });
      await page.screenshot({ path: "out/dashboard.png", fullPage: true });
      // The approval is recorded under the token's name and role.
      const res = await fetch(`${server.url}/approvals/apr-p-e2e-1`, { headers: { Authorization: `Bearer ${financeToken}` } });
      expect(await res.json()).toMatchObject({ request: { status: "approved" }, votes: [{ role: "finance", approver: "fiona (finance)", comment: "within the quarter's budget" }] });
    } finally {
      await browser.close();
    }
  }, 300_000);
});
