import { afterEach, describe, expect, it } from "vitest";
import { loadPolicy } from "../../src/policies/index.js";
import { createApp, createEventBus, createToken } from "../../src/server/index.js";
import type { Overview } from "../../src/server/dashboard/schemas.js";
import { openDb, type Db } from "../../src/store/index.js";
import { seedDashboard, SERVER_NOW } from "../dashboard.fixtures.js";
import { call, steppingClock } from "./helpers.js";

describe("GET /overview, /spend, /stock-risk, /accuracy/timeline", () => {
  let db: Db;
  afterEach(() => db?.close());

  async function setUp() {
    db = openDb(":memory:");
    const ids = await seedDashboard(db);
    const clock = steppingClock(SERVER_NOW);
    const app = createApp({ db, clock, events: createEventBus(clock), policy: loadPolicy() });
    const token = createToken(db, { role: "viewer", name: "vic" }, clock).secret;
    const get = async <T>(path: string) => {
      const res = await call(app, "GET", path, token);
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    };
    return { ids, get, raw: (path: string) => call(app, "GET", path, token) };
  }

  it("lists today's decisions with the action in words, the interval and who must approve", async () => {
    const { ids, get } = await setUp();
    const o = await get<Overview>("/overview");
    expect(o.today).toBe("2025-03-12");
    expect(o.fallback).toBe(false);
    expect(o.counts).toEqual({ executed: 1, awaiting_approval: 1, no_action: 1 });
    // Acting decisions first: the one waiting for people, then the executed one, then "no promotion".
    expect(o.decisions.map((d) => d.id)).toEqual(["d-await", "d-c-e2e", "d-none"]);
    const [awaiting, executed, none] = o.decisions;
    expect(awaiting).toMatchObject({
      action: { words: "SKU-2: price cut, 35 % off, 2 weeks from 2025-03-03 (store)" },
      expected: { incrementalMargin: 310, low: 150, high: 470, currency: "EUR" },
      mustApprove: ["finance", "legal or marketing"],
      approvalRequestId: ids.awaiting,
      deadlineAt: "2025-03-14T10:00:00.000Z",
      verdict: "escalate",
    });
    expect(executed).toMatchObject({
      campaignId: "c-e2e",
      mustApprove: [],
      expected: { incrementalMargin: 200, low: 80, high: 320 },
    });
    expect(none).toMatchObject({
      action: { words: "no promotion" },
      expected: null,
      why: expect.stringContaining("doing nothing"),
    });
  });

  it("adds spend per market in the policy currency, converting GBP through USD quotes", async () => {
    const { get } = await setUp();
    const s = await get<Overview["spend"]>("/spend");
    expect(s.currency).toBe("EUR");
    const week = s.periods.find((p) => p.key === "week of 2025-03-10")!;
    // c-e2e: 1,000 EUR over 28 days -> 250 this week; c-uk: 700 GBP over 14 days -> 350 GBP = 350 * 1.25 / 1.1 EUR.
    expect(week.markets).toEqual([
      {
        market: "UK",
        currency: "GBP",
        committed: 350,
        inPolicyCurrency: expect.closeTo((350 * 1.25) / 1.1, 6),
      },
      { market: "US-EAST", currency: "EUR", committed: 250, inPolicyCurrency: 250 },
    ]);
    expect(week.total).toBeCloseTo(250 + (350 * 1.25) / 1.1, 6);
    expect(week.cap).toBe(25_000);
    expect(s.periods.map((p) => p.kind)).toEqual(["week", "week", "month", "quarter"]);
    expect(s.unconverted).toEqual([]);
  });

  it("says which market could not be converted instead of adding it as is", async () => {
    const { get } = await setUp();
    // Commitments are converted when recorded; one recorded before that (migration 15) is in GBP as written.
    db.prepare(
      "UPDATE spend_commitments SET currency = NULL, amount = original_amount WHERE markets LIKE '%UK%'",
    ).run();
    db.prepare("DELETE FROM fx_rates WHERE from_ccy = 'GBP'").run();
    const s = await get<Overview["spend"]>("/spend");
    expect(s.unconverted).toEqual(["UK"]);
    expect(s.periods.find((p) => p.key === "week of 2025-03-10")!.total).toBeNull();
  });

  it("gives the accuracy record per month and stock on both sides of the lines", async () => {
    const { get } = await setUp();
    expect(await get("/accuracy/timeline")).toEqual({
      months: [
        {
          month: "2025-02",
          settled: 1,
          forecastMargin: 40,
          settledMargin: 50,
          withInterval: 1,
          coverage: 1,
        },
      ],
      total: { settled: 1, forecastMargin: 40, settledMargin: 50, withInterval: 1, coverage: 1 },
    });
    const r = await get<Overview["stockRisk"]>("/stock-risk");
    expect(r.risks[0]).toMatchObject({
      sku: "SKU-3",
      market: "US-EAST",
      risk: "stock-out",
      onHand: 30,
      weeklySales: 100,
      weeksOfCover: 0.3,
    });
    expect(r.risks.find((x) => x.sku === "SKU-1")).toMatchObject({ risk: "excess" });
  });

  it("renders a decision's page and answers 404 for an unknown one", async () => {
    const { raw } = await setUp();
    const page = await raw("/dashboard/decisions/d-c-e2e");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("SKU-1: price cut, 25 % off, 4 weeks from 2025-03-03 (store)");
    expect(html).toContain("80 less than the chosen 200 EUR");
    expect(html).toContain("supply.inventory_cover");
    expect(html).toContain("2/4 weeks: 502 units sold vs 500 forecast");
    const missing = await raw("/dashboard/decisions/nope");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
  });
});
