import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb } from "../../store/db.js";
import type { Db } from "../../store/db.js";
import { commitSpend } from "../ledger/ledger.js";
import { fixedClock } from "../../domain/clock.js";
import { makePolicy, makeProposal, seedStore } from "../testing.js";
import { buildPolicyContext } from "./build.js";

describe("buildPolicyContext reads the store", () => {
  let db: Db;
  const clock = fixedClock("2025-02-20T10:00:00Z");
  beforeEach(() => {
    db = openDb(":memory:");
    seedStore(db, {
      products: [
        { sku: "SKU-1", category: "cereal" },
        { sku: "SKU-2", category: "cereal" },
        { sku: "X", category: "snacks" },
      ],
      sales: [
        {
          sku: "SKU-1",
          marketId: "M1",
          locationId: "S1",
          periodStart: "2025-01-26",
          periodEnd: "2025-02-01",
          pricePaid: 3.6,
          tpr: true,
        },
        {
          sku: "SKU-1",
          marketId: "M1",
          locationId: "S2",
          periodStart: "2025-02-09",
          periodEnd: "2025-02-15",
          pricePaid: 3.9,
        },
        {
          sku: "SKU-1",
          marketId: "M1",
          locationId: "S1",
          channel: "ecommerce",
          periodStart: "2025-02-23",
          periodEnd: "2025-02-23",
          pricePaid: 4.1,
          feature: true,
          display: true,
        },
        {
          sku: "SKU-1",
          marketId: "M9",
          periodStart: "2025-02-09",
          periodEnd: "2025-02-15",
          pricePaid: 1.0,
          display: true,
        },
      ],
      inventory: [
        {
          sku: "SKU-1",
          locationId: "S1",
          marketId: "M1",
          asOf: "2025-02-10T00:00:00Z",
          onHand: 999,
        },
        {
          sku: "SKU-1",
          locationId: "S1",
          marketId: "M1",
          asOf: "2025-02-19T00:00:00Z",
          onHand: 100,
          inTransit: 20,
          onOrder: 7,
        },
        {
          sku: "SKU-1",
          locationId: "S2",
          marketId: "M1",
          asOf: "2025-02-18T00:00:00Z",
          onHand: 50,
        },
        { sku: "SKU-1", locationId: "S1", marketId: "M1", asOf: "2025-02-21T00:00:00Z", onHand: 1 }, // after now: ignored
        {
          sku: "SKU-1",
          locationId: "T1",
          marketId: "M2",
          asOf: "2025-02-19T00:00:00Z",
          onHand: 5000,
        },
      ],
      production: [
        { plant: "P1", sku: "SKU-1", date: "2025-02-19", plannedUnits: 1000 },
        { plant: "P1", sku: "SKU-1", date: "2025-03-01", plannedUnits: 300 },
        { plant: "P1", sku: "SKU-1", date: "2025-03-17", plannedUnits: 1000 },
      ],
    });
  });
  afterEach(() => db.close());

  it("collects prices, stock, production, history and commitments for the proposal", () => {
    const p = makeProposal({
      scope: { skus: ["SKU-1"], category: "cereal", markets: ["M1"], locations: undefined },
    }); // 2025-03-03..16, store
    commitSpend(
      db,
      makeProposal({
        id: "old",
        scope: { skus: ["SKU-2"] },
        startDate: "2025-03-10",
        weeks: 1,
        budget: { media: 700, discount: 0 },
      }),
      clock,
    );
    commitSpend(db, makeProposal({ id: "cancelled", startDate: "2025-03-10" }), clock, {
      status: "cancelled",
    });
    commitSpend(db, p, clock); // an edit of the campaign itself must not count against itself
    const ctx = buildPolicyContext(db, p, makePolicy(), clock, p.id);

    expect(ctx.today).toBe("2025-02-20");
    expect(ctx.priorLowestPrices).toEqual([
      {
        sku: "SKU-1",
        marketId: "M1",
        channel: "store",
        price: 3.6,
        from: "2025-02-01",
        to: "2025-03-02",
      },
    ]); // the week 01-26..02-01 touches the window on 02-01
    expect(ctx.currentPrices).toEqual([
      expect.objectContaining({ channel: "ecommerce", price: 4.1 }),
    ]);
    expect(ctx.stock).toEqual([
      {
        sku: "SKU-1",
        onHand: 150,
        inTransit: 20,
        onOrder: 7,
        oldestSnapshot: "2025-02-18T00:00:00Z",
        locations: 2,
      },
    ]);
    expect(ctx.plannedProduction).toEqual({ "SKU-1": 300 });
    expect(ctx.categorySkus).toEqual(["SKU-1", "SKU-2"]);
    expect(ctx.promotedDays["SKU-1"]).toEqual([
      "2025-01-26",
      "2025-01-27",
      "2025-01-28",
      "2025-01-29",
      "2025-01-30",
      "2025-01-31",
      "2025-02-01",
      "2025-02-23",
    ]);
    expect(ctx.promotedDays["SKU-2"]).toHaveLength(7);
    expect(ctx.commitments.map((c) => c.campaignId)).toEqual(["old"]);
    expect(ctx.usedMechanics).toEqual(["display", "feature", "feature_display", "tpr"]);
    expect(ctx.promotedMarkets).toEqual(["M1", "M9"]);
  });

  it("sees sales rows written after an earlier check, even without an ingest (the memoised reads)", () => {
    const p = makeProposal({
      scope: { skus: ["SKU-1"], category: "cereal", markets: ["M1"], locations: undefined },
    });
    expect(buildPolicyContext(db, p, makePolicy(), clock).promotedDays["SKU-1"]).toHaveLength(8);
    seedStore(db, {
      sales: [
        {
          sku: "SKU-1",
          marketId: "M1",
          locationId: "S2",
          periodStart: "2025-02-10",
          periodEnd: "2025-02-10",
          pricePaid: 3.5,
          tpr: true,
        },
      ],
    });
    const again = buildPolicyContext(db, p, makePolicy(), clock);
    expect(again.promotedDays["SKU-1"]).toContain("2025-02-10");
    expect(again.usedMechanics).toEqual(["display", "feature", "feature_display", "tpr"]);
  });

  it("limits stock to the listed locations", () => {
    const ctx = buildPolicyContext(
      db,
      makeProposal({ scope: { skus: ["SKU-1"], markets: ["M1"], locations: ["S2"] } }),
      makePolicy(),
      clock,
    );
    expect(ctx.stock[0]).toMatchObject({ onHand: 50, locations: 1 });
  });
});
