import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/index.js";
import { call, liveCampaign, pendingApproval, testApp, type Tokens } from "./helpers.js";

// Issue #26, item 4: input that does not mean what it says is refused or quarantined, never stored.
let t: ReturnType<typeof testApp>;
let db: Db;
let tokens: Tokens;
beforeEach(() => {
  t = testApp();
  ({ db, tokens } = t);
});
afterEach(() => db.close());

async function seedCatalog(): Promise<void> {
  const rows = {
    market: [{ id: "M1", region: "EU", currency: "EUR", time_zone: "Europe/Berlin" }],
    product: [
      { sku: "SKU-1", name: "Oats", category: "cereal", regular_price: 3.5, currency: "EUR" },
    ],
    location: [{ id: "S1", market_id: "M1", kind: "store" }],
  };
  for (const [kind, r] of Object.entries(rows))
    expect((await call(t.app, "POST", `/signals/${kind}`, tokens.admin, r)).status).toBe(200);
}

describe("strict input over HTTP", () => {
  it("quarantines sales rows whose year, number or text does not mean what it says", async () => {
    await seedCatalog();
    const ok = { sku: "SKU-1", date: "2025-02-10", units: 4, location: "S1" };
    const bad = [
      { ...ok, date: "+099999-01-01" },
      { ...ok, date: "9999-12-29" },
      { ...ok, price_paid: true },
      { ...ok, price_paid: [4] },
      { ...ok, price_paid: "0x10" },
      { ...ok, price_paid: " 4 " },
      { ...ok, price_paid: 1e308 },
      { ...ok, units: "1e3" },
      { ...ok, sku: "SKU-1\u0000" },
      { ...ok, location: "S1\uD800" },
    ];
    const res = await call(t.app, "POST", "/signals/sales", tokens.supply_chain, [
      { ...ok, price_paid: "3.49" },
      ...bad,
    ]);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ rowsRead: 11, stored: 1, quarantined: 10 });
    expect(db.prepare("SELECT price_paid, retail_week FROM sales").all()).toEqual([
      { price_paid: 3.49, retail_week: "2025-02-15" },
    ]);
  });

  it("refuses a JSON body field that is too long or holds a control character or a lone surrogate (400, not stored)", async () => {
    const id = pendingApproval(db, t.clock);
    for (const comment of ["x".repeat(10_001), "ok\u0000", "half \uD800 surrogate", "bell\u0007"]) {
      const res = await call(t.app, "POST", `/approvals/${id}`, tokens.category_manager, {
        decision: "reject",
        comment,
      });
      expect(res.status, JSON.stringify(comment.slice(0, 20))).toBe(400);
      expect(
        ((await res.json()) as { error: { code: string; message: string } }).error,
      ).toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("comment") });
    }
    expect(db.prepare("SELECT count(*) AS n FROM approval_votes").get()).toEqual({ n: 0 });
    await liveCampaign(db, t.clock);
    const pause = await call(t.app, "POST", "/campaigns/c-1/pause", tokens.marketing, {
      reason: "fine\ttab\nnewline",
      extra: "a\u001b[31m",
    });
    expect(pause.status).toBe(400);
    expect(
      (
        await call(t.app, "POST", "/campaigns/c-1/pause", tokens.marketing, {
          reason: "fine\ttab\nnewline",
        })
      ).status,
    ).toBe(200);
  });
});
