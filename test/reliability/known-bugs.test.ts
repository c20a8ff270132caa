import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestFile, openDb, type Db } from "../../src/store/index.js";
import { seedCatalog } from "./support/catalog.js";
import { storedRowViolations } from "./support/invariants.js";

/**
 * Bugs the reliability suites found in src/store and src/domain, each pinned by its smallest
 * reproduction, now fixed: these are their regression tests. (The comments keep the diagnosis.)
 */

let dir: string;
let db: Db;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "autopromo-bugs-"));
  db = openDb(join(dir, "t.db"));
  await seedCatalog(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const feed = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe("bugs these suites found, now fixed (regressions)", () => {
  // writer.ts:40 selects `rowid AS id, *`; in markets and locations the TEXT column `id` shadows
  // the alias, so line 66 takes 'B1' as the rowid, full.get('B1') is undefined and the
  // fact_history insert violates NOT NULL: the whole ingest throws a SqliteError (not an
  // InputError) and nothing is stored. Expected: a correction, the old row kept in fact_history.
  it("moving a location to another market is a correction, not a crash", async () => {
    const report = await ingestFile(db, {
      kind: "location",
      file: feed("loc.csv", "id,market_id\nB1,US-OH\n"),
    });
    expect(report).toMatchObject({ rowsRead: 1, corrected: 1 });
  });

  it("changing a market's currency is a correction, not a crash", async () => {
    const file = feed("mkt.csv", "id,region,currency,time_zone\nDE,Germany,USD,Europe/Berlin\n");
    expect(await ingestFile(db, { kind: "market", file })).toMatchObject({ corrected: 1 });
  });

  // kinds/sales.ts:62 and kinds/competitor-price.ts:31 round money to 1e-6: a positive price
  // below 5e-7 passes the schema (> 0) and is stored as 0, breaking "prices > 0 or NULL".
  it("a tiny positive price_paid is not stored as 0", async () => {
    await ingestFile(db, {
      kind: "sales",
      file: feed("s.csv", "sku,location,date,units,price_paid\nA1,B1,2024-03-07,1,1e-7\n"),
    });
    expect(storedRowViolations(db)).toEqual([]);
  });

  it("a tiny positive competitor price is not stored as 0", async () => {
    const file = feed(
      "c.csv",
      "competitor,competitor_product,market,price,observed_at,sku\nrival,R-9,DE,1e-7,2024-03-01T10:00:00Z,B2\n",
    );
    await ingestFile(db, { kind: "competitor_price", file });
    expect(storedRowViolations(db)).toEqual([]);
  });

  // Finite inputs overflow in harmonisation: units 1e308 × price 2 gives revenue Infinity
  // (kinds/sales.ts:51-60), which is stored; the stored row fails salesObservationSchema.
  it("an overflowing revenue is quarantined, not stored as Infinity", async () => {
    await ingestFile(db, {
      kind: "sales",
      file: feed("s.csv", "sku,location,date,units,price_paid\nA1,B1,2024-03-08,1e308,2\n"),
    });
    expect(storedRowViolations(db)).toEqual([]);
  });

  // Same overflow through a case pack: units become Infinity, revenue NaN (bound as NULL), and
  // `INSERT OR IGNORE` (writer.ts:39) silently ignores the NOT NULL failure, so the row is
  // quarantined with a misleading reason about a conflicting stored record.
  it("an overflowing quantity is quarantined with a reason about the quantity", async () => {
    const report = await ingestFile(db, {
      kind: "sales",
      file: feed(
        "s.csv",
        "sku,location,date,units,price_paid,uom\nA1,B1,2024-03-06,1e308,2,case\n",
      ),
    });
    expect(report.rejections[0]?.reason).not.toMatch(/conflicts with a stored record/);
  });

  // domain/common.ts isoDateSchema is a regex: fx_rate accepts and stores 2024-02-30.
  it("an FX rate dated on a day that does not exist is quarantined", async () => {
    const report = await ingestFile(db, {
      kind: "fx_rate",
      file: feed("fx.csv", "date,from,to,rate\n2024-02-30,USD,EUR,0.95\n"),
    });
    expect(report.quarantined).toBe(1);
  });

  // domain/catalog.ts:18/21/33/55: `num().pipe(...).default(1)` and friends only default an
  // absent key; a blank CSV cell reaches the inner schema and the row is quarantined
  // ("case_pack missing: expected a number"), though README documents these columns as optional
  // with defaults (week_ends_on defaults to saturday).
  it("a blank optional catalog cell takes its documented default", async () => {
    const products = await ingestFile(db, {
      kind: "product",
      file: feed("p.csv", "sku,name,category,case_pack,currency\nC3,Corn,CEREAL,,\n"),
    });
    const markets = await ingestFile(db, {
      kind: "market",
      file: feed(
        "m.csv",
        "id,region,currency,time_zone,week_ends_on\nFR,France,EUR,Europe/Paris,\n",
      ),
    });
    expect([products.stored, markets.stored]).toEqual([1, 1]);
  });
});
