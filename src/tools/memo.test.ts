import { describe, expect, it } from "vitest";
import { ingestRecords, openDb, type Db } from "../store/index.js";
import { FactsMemo } from "./memo.js";

const ingest = (db: Db, kind: string, values: Record<string, unknown>, origin: string) =>
  ingestRecords(db, [[{ line: 1, values }]], { kind, source: "test", origin });

describe("FactsMemo", () => {
  it("serves a derived fact until an ingest of a kind it reads commits, and ignores other kinds", async () => {
    const db = openDb(":memory:");
    await ingest(db, "market", { id: "M1", region: "r", currency: "EUR", timeZone: "UTC" }, "m");
    await ingest(db, "product", { sku: "A", name: "A", category: "c" }, "p");
    await ingest(db, "location", { id: "S1", marketId: "M1" }, "l");
    const memo = new FactsMemo<number>(["sales"]);
    let computed = 0;
    const units = () =>
      memo.get(
        db,
        "units",
        () => (
          computed++,
          (db.prepare("SELECT coalesce(sum(units), 0) AS u FROM sales").get() as { u: number }).u
        ),
      );
    expect(units()).toBe(0);
    expect(units()).toBe(0);
    expect(computed).toBe(1);
    await ingest(
      db,
      "sales",
      { sku: "A", location: "S1", date: "2026-01-03", units: 5, revenue: 10 },
      "s1",
    );
    expect(units()).toBe(5);
    expect(computed).toBe(2);
    await ingest(
      db,
      "competitor_price",
      {
        competitor: "x",
        competitorProduct: "x1",
        sku: "A",
        market: "M1",
        price: 1,
        observedAt: "2026-01-03T10:00:00Z",
      },
      "c1",
    );
    expect(units()).toBe(5);
    expect(computed).toBe(2); // a competitor price does not touch sales-derived facts
    await ingest(db, "product", { sku: "B", name: "B", category: "c" }, "p2");
    units();
    expect(computed).toBe(3); // the catalogue versions everything
    db.close();
  });

  it("evicts the least recently used entry beyond its capacity", () => {
    const db = openDb(":memory:");
    const memo = new FactsMemo<string>(["sales"], 2);
    let computed = 0;
    const get = (k: string) => memo.get(db, k, () => (computed++, k));
    get("a");
    get("b");
    get("a");
    get("c"); // b is the least recently used when c arrives
    get("a");
    expect(computed).toBe(3);
    get("b");
    expect(computed).toBe(4);
    db.close();
  });
});
