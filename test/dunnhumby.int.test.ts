import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestDunnhumbyBtf, openDb, storeStatus, type Db } from "../src/store/index.js";
import { realDataDir } from "./real-data.js";
import { scratchDir } from "./helpers.js";

const dir = realDataDir("breakfast-at-the-frat");

describe.skipIf(!dir)("dunnhumby Breakfast at the Frat export", () => {
  let db: Db;
  const tmp = scratchDir();
  beforeAll(() => {
    db = openDb(`${tmp.dir}/btf.db`);
  });
  afterAll(() => {
    db.close();
    tmp.cleanup();
  });

  it("stores every sales row or says exactly which it rejected, and a second run stores nothing", async () => {
    const first = await ingestDunnhumbyBtf(db, dir!);
    expect(first.sales.rowsRead).toBe(420_984);
    expect(first.sales.stored + first.sales.quarantined).toBe(420_984);
    // The one rejected row: 3 units sold at PRICE 0 (SPEND 0), which the store refuses as a price.
    expect(first.sales.rejections).toEqual([
      { line: 246_400, field: "price_paid", reason: "price_paid '0': must be greater than 0" },
    ]);
    expect(first.stores.stored).toBe(77);
    expect(first.notes).toHaveLength(2);
    expect(first.products.stored).toBe(58);
    expect(first.markets.stored).toBe(4);

    const weekdays = db
      .prepare("SELECT DISTINCT strftime('%w', retail_week) AS d FROM sales")
      .all();
    expect(weekdays).toEqual([{ d: "3" }]); // every retail week ends on a Wednesday
    const emptyPrice = db
      .prepare("SELECT count(*) AS n FROM sales WHERE price_paid IS NULL")
      .get() as { n: number };
    expect(emptyPrice.n).toBeGreaterThanOrEqual(19);

    const second = await ingestDunnhumbyBtf(db, dir!);
    expect(second.sales).toMatchObject({
      stored: 0,
      corrected: 0,
      duplicates: 420_983,
      alreadyQuarantined: 1,
    });
    expect(storeStatus(db).signals.find((s) => s.kind === "sales")!.rows).toBe(420_983);
  });
});
