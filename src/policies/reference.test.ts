import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { messageFor } from "../agents/targeting/audience.js";
import { openDb, type Db } from "../store/db.js";
import { lawfulReferencePrice } from "./reference.js";
import { makeProposal, seedStore } from "./testing.js";

describe("the 'was' price a channel shows is the store's lawful reference (Omnibus)", () => {
  let db: Db;
  beforeEach(() => {
    db = openDb(":memory:");
    // Shelf 5.49 until a 4.39 week that ended 12 days before the start: the lawful reference is 4.39.
    const week = (start: string, end: string, price: number) => ({
      sku: "SKU-1",
      marketId: "DE",
      channel: "store",
      periodStart: start,
      periodEnd: end,
      pricePaid: price,
      regularPrice: 5.49,
      units: 10,
    });
    seedStore(db, {
      markets: ["DE"],
      products: [{ sku: "SKU-1", category: "snacks", unitCost: 2, regularPrice: 5.49 }],
      sales: [
        week("2025-05-05", "2025-05-11", 5.49),
        week("2025-05-12", "2025-05-18", 4.39),
        week("2025-05-19", "2025-05-25", 5.49),
      ],
    });
  });
  afterEach(() => db.close());

  it("the e-mail says 'instead of' the lowest price of the 30 days before, not the proposal's regular price", () => {
    const p = makeProposal({
      scope: { skus: ["SKU-1"], category: "snacks", markets: ["DE"] },
      regularPrice: 5.49,
      discountPct: 30,
      referencePrice: 5.49,
      startDate: "2025-05-30",
      channels: ["store", "email"],
    });
    const ref = lawfulReferencePrice(db, p, "2025-05-20");
    expect(ref).toBe(4.39);
    const body = messageFor(p, ref).body;
    expect(body).toContain("at 3.84 instead of 4.39");
    expect(body).not.toContain("5.49");
  });

  it("shows no 'was' price when the store has none, or when it is not above the promoted price", () => {
    const p = makeProposal({
      scope: { skus: ["SKU-1"], category: "snacks", markets: ["DE"] },
      regularPrice: 5.49,
      discountPct: 20,
      startDate: "2025-09-01",
      channels: ["store", "email"],
    });
    expect(lawfulReferencePrice(db, p, "2025-05-20")).toBeNull();
    expect(messageFor(p, null).body).not.toMatch(/instead of/);
    // 20 % off 5.49 is 4.39: no reduction from a 4.39 reference, so no "was" price.
    expect(messageFor(p, 4.39).body).not.toMatch(/instead of/);
  });
});
