import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapters, sandboxReceipts } from "../src/channels/index.js";
import { demoDb } from "../src/graph/testing/demo-db.js";
import { fixedClock } from "../src/domain/index.js";
import {
  createToken,
  startService,
  type RunningService,
  type ServerEvent,
} from "../src/server/index.js";

/**
 * Issue #6's first "done when": a competitor's price cut posted over HTTP becomes a decision on
 * the live feed within a second; an escalated one is approved in the browser and goes live in the
 * sandbox channels exactly once. Runs the whole service in-process on an ephemeral port.
 */

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
/** The demo market's "now" (its data is dated ahead of any wall clock the test may run at). */
const NOW = "2026-11-23T12:00:00Z";

/** Reads server-sent events from GET /events into `into` until the stream is cancelled. */
async function follow(
  url: string,
  token: string,
  into: ServerEvent[],
): Promise<() => Promise<void>> {
  const res = await fetch(`${url}/events?access_token=${encodeURIComponent(token)}`);
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = "";
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buf += dec.decode(value, { stream: true });
      for (let i = buf.indexOf("\n\n"); i >= 0; i = buf.indexOf("\n\n")) {
        const frame = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (frame.includes("event: ready")) ready();
        const data = frame.split("\n").find((l) => l.startsWith("data: "));
        if (data && !frame.includes("event: ready"))
          into.push(JSON.parse(data.slice(6)) as ServerEvent);
      }
    }
  })();
  await isReady;
  return async () => {
    await reader.cancel().catch(() => undefined);
    await pump;
  };
}

async function until<T>(
  what: string,
  get: () => T | undefined | null | false,
  ms = 60_000,
): Promise<T> {
  for (const t0 = Date.now(); ;) {
    const v = get();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const priceCut = (sku: string, price: number, product: string) => [
  {
    competitor: "ValueMart",
    competitor_product: product,
    market: "US-EAST",
    sku,
    price,
    observed_at: "2026-11-23T09:00:00Z",
  },
];

describe("signal → decision → approval in the browser → live in the sandbox channels", () => {
  let service: RunningService;
  let admin: string;
  let approver: string;
  let sandboxDir: string;
  const seen: ServerEvent[] = [];
  const runMs: number[] = [];
  let unfollow: () => Promise<void>;

  beforeAll(async () => {
    const demo = await demoDb();
    // The escalating policy sends any campaign spending over 100 to a category manager.
    approver = createToken(
      demo.db,
      { role: "category_manager", name: "cora" },
      fixedClock(NOW),
    ).secret;
    demo.db.close();
    sandboxDir = mkdtempSync(join(tmpdir(), "autopromo-e2e-channels-"));
    service = await startService({
      dbPath: demo.path,
      port: 0,
      policyPath: demo.policyFile,
      cycleEveryMs: 0,
      deliverEveryMs: 500,
      adapters: createAdapters({ sandboxDir }),
      onNote: (n) => void (n.kind === "signal_run" && runMs.push(n.ms)),
    });
    admin = service.firstAdminToken!;
    unfollow = await follow(service.url, admin, seen);
  }, 180_000);
  // A scope has one pending approval request per plan (issue #26): a signal that reaches the plan
  // already waiting joins it, so each signal below first clears what the one before it escalated.
  const rejectPending = async () => {
    const res = await fetch(`${service.url}/approvals`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    const { approvals } = (await res.json()) as { approvals: { request: { id: string } }[] };
    for (const a of approvals) {
      const body = JSON.stringify({
        decision: "reject",
        comment: "clear the scope for the next signal",
      });
      const headers = { Authorization: `Bearer ${approver}`, "Content-Type": "application/json" };
      const vote = await fetch(`${service.url}/approvals/${a.request.id}`, {
        method: "POST",
        headers,
        body,
      });
      expect(vote.status).toBe(200);
    }
  };
  afterAll(async () => {
    await unfollow?.();
    await service?.close();
  });

  it("a competitor price cut posted over HTTP is decided and on the live feed within a second", async () => {
    // `npm start` serves after its first cycle has planned every scope once (a first run in a
    // process warms caches and code paths); one run of the scope the signals touch stands in for it.
    const warm = await service.runScopeNow(
      { category: "snacks", market: "US-EAST" },
      "warm-up (the first cycle)",
    );
    await until("the warm-up's event", () =>
      seen.some((e) => e.data.decisionId === warm.decisionId),
    );
    const timings: number[] = [];
    for (const [sku, product] of [
      ["SNK-01", "VM-E2E-1"],
      ["SNK-02", "VM-E2E-2"],
    ] as const) {
      await rejectPending();
      const known = new Set(seen.map((e) => e.data.decisionId));
      const t0 = performance.now();
      const res = await fetch(`${service.url}/signals/competitor_price`, {
        method: "POST",
        headers: { Authorization: `Bearer ${admin}`, "Content-Type": "application/json" },
        body: JSON.stringify(priceCut(sku, 1.79, product)),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ stored: 1, quarantined: 0 });
      const decision = await until("the decision event", () =>
        seen.find(
          (e) =>
            e.type === "decision" &&
            !known.has(e.data.decisionId) &&
            e.data.category === "snacks" &&
            e.data.market === "US-EAST" &&
            e.data.trigger === "event",
        ),
      );
      timings.push(performance.now() - t0);
      expect(decision.data.status).toBe("awaiting_approval");
    }
    await until("the run notes", () => runMs.length >= 3);
    console.log(
      `signal → decision on GET /events: ${timings.map((t) => `${Math.round(t)} ms`).join(", ")} (queued and run: ${runMs.slice(1).join(", ")} ms; the cold warm-up run: ${runMs[0]} ms)`,
    );
    expect(Math.max(...timings)).toBeLessThanOrEqual(1_000);
  }, 120_000);

  it.skipIf(!hasChromium)(
    "a signal's decision shows on the dashboard within a second; approved there, it goes live in the sandbox channels exactly once",
    async () => {
      const { chromium } = await import("playwright-core");
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        page.setDefaultTimeout(120_000); // CI shares two cores with other suites
        await page.goto(service.url);
        await page.fill("#token", approver);
        await page.click("#login button[type=submit]");
        await page.waitForSelector("#feed-state:text('live')");

        // The dashboard's own view: from the POST to the decision's line in the live feed.
        await rejectPending();
        const known = new Set(seen.map((e) => e.data.decisionId));
        const t0 = performance.now();
        const res = await fetch(`${service.url}/signals/competitor_price`, {
          method: "POST",
          headers: { Authorization: `Bearer ${admin}`, "Content-Type": "application/json" },
          body: JSON.stringify(priceCut("SNK-03", 1.99, "VM-E2E-3")),
        });
        expect(res.status).toBe(200);
        const event = await until("the decision event", () =>
          seen.find(
            (e) =>
              e.type === "decision" &&
              !known.has(e.data.decisionId) &&
              e.data.category === "snacks" &&
              e.data.trigger === "event",
          ),
        );
        const decisionId = event.data.decisionId as string;
        await page.waitForSelector(`#feed li:has-text("${decisionId}")`, { timeout: 120_000 });
        const dashboardMs = performance.now() - t0;
        console.log(
          `signal → decision in the dashboard's live feed (Chromium): ${Math.round(dashboardMs)} ms`,
        );
        expect(dashboardMs).toBeLessThanOrEqual(1_000);

        const requestId = (await (
          await fetch(`${service.url}/decisions/${decisionId}`, {
            headers: { Authorization: `Bearer ${admin}` },
          })
        ).json()) as { approvalRequestId: string };
        const row = page.locator("#approvals tr", { hasText: requestId.approvalRequestId });
        await row.waitFor();
        page.on("dialog", (d) => void d.accept("match ValueMart's cut"));
        await row.locator("button.ok").click();
        await page.waitForSelector(`#feed li[title*="${decisionId}"]:has-text("executed")`);
        await until("the executed decision", () =>
          seen.find(
            (e) =>
              e.type === "decision" &&
              e.data.decisionId === decisionId &&
              e.data.status === "executed",
          ),
        );
        const record = (await (
          await fetch(`${service.url}/decisions/${decisionId}`, {
            headers: { Authorization: `Bearer ${admin}` },
          })
        ).json()) as { outcome: { campaignId: string } };
        const campaignId = record.outcome.campaignId;
        await until(
          "the campaign going live",
          () =>
            seen.find(
              (e) =>
                e.type === "campaign" &&
                e.data.status === "live" &&
                e.data.campaignId === campaignId,
            ),
          60_000,
        );
        await page.waitForSelector(`#campaigns tr:has-text("${campaignId}") .st-live`);
        mkdirSync("out", { recursive: true });
        await page.screenshot({ path: "out/signal-to-decision.png", fullPage: true });
        // Exactly once: one launch per channel in the sandbox receivers, however often delivery ran.
        await new Promise((r) => setTimeout(r, 1_500)); // a few more delivery passes
        const campaign = (await (
          await fetch(`${service.url}/campaigns/${campaignId}`, {
            headers: { Authorization: `Bearer ${admin}` },
          })
        ).json()) as { status: string; outbox: { channel: string; op: string; status: string }[] };
        expect(campaign.status).toBe("live");
        const launches = campaign.outbox.filter((r) => r.op === "launch");
        expect(launches.length).toBeGreaterThan(0);
        for (const r of launches) {
          const keys = sandboxReceipts(sandboxDir, r.channel as never).filter(
            (x) => x.campaignId === campaignId && x.op === "launch",
          );
          expect(keys, `${r.channel} received the launch once`).toHaveLength(1);
        }
      } finally {
        await browser.close();
      }
    },
    300_000,
  );
});
