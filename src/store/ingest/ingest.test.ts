import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../../errors.js";
import { scratchDir } from "../../../test/helpers.js";
import { openDb, type Db } from "../db.js";
import { storeStatus } from "../repositories/status.js";
import { listQuarantine } from "../repositories/quarantine.js";
import { ingestFile } from "./ingest.js";
import { ingestDunnhumbyBtf } from "../formats/dunnhumby-btf.js";

let db: Db;
let tmp: ReturnType<typeof scratchDir>;

// After every row of these files: a row dated past the clock is quarantined (issue #26).
const now = () => new Date("2030-01-01T00:00:00Z");

async function seedCatalog() {
  await ingestFile(db, {
    kind: "market",
    file: tmp.file(
      "markets.csv",
      "id,region,currency,time_zone,week_ends_on\nDE,Germany,EUR,Europe/Berlin,saturday\nUS-OH,Ohio,USD,America/New_York,wednesday\n",
    ),
    now,
  });
  await ingestFile(db, {
    kind: "location",
    file: tmp.file("locations.csv", "id,market_id\nB1,DE\nS367,US-OH\n"),
    now,
  });
  await ingestFile(db, {
    kind: "product",
    file: tmp.file(
      "products.csv",
      "sku,name,category,case_pack,unit_cost,regular_price\nA1,Oats,CEREAL,12,1.0,2.5\nB2,Pretzels,SNACKS,6,0.8,1.9\n",
    ),
    now,
  });
  await ingestFile(db, {
    kind: "sku_alias",
    file: tmp.file(
      "aliases.csv",
      "source,code,sku,units_per_code\npos,POS-A1,A1,1\npos,CASE-A1,A1,12\n",
    ),
    now,
  });
  await ingestFile(db, {
    kind: "fx_rate",
    file: tmp.file("fx.csv", "date,from,to,rate\n2024-01-01,USD,EUR,0.9\n2024-03-01,USD,EUR,0.8\n"),
    now,
  });
}

beforeEach(async () => {
  tmp = scratchDir();
  db = openDb(`${tmp.dir}/t.db`);
  await seedCatalog();
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

const salesHeader = "sku,location,date,granularity,units,price_paid,feature,display,tpr\n";

describe("ingestFile", () => {
  it("stores 999 of 1,000 rows and quarantines the bad one with its line and reason", async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const day = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      return i === 499 ? `A1,B1,${day},day,-3,2.5,0,0,0` : `A1,B1,${day},day,${i % 7},2.5,0,0,0`;
    });
    const file = tmp.file("sales.csv", salesHeader + rows.join("\n") + "\n");
    const report = await ingestFile(db, { kind: "sales", file, now });
    expect(report).toMatchObject({ rowsRead: 1000, stored: 999, quarantined: 1, duplicates: 0 });
    // Data row 500 sits on file line 501 (line 1 is the header).
    expect(report.rejections).toEqual([
      { line: 501, field: "units", reason: "units '-3': must not be negative" },
    ]);
    expect(listQuarantine(db)[0]).toMatchObject({ line: 501, field: "units", file });

    const again = await ingestFile(db, { kind: "sales", file, now });
    expect(again).toMatchObject({
      stored: 0,
      corrected: 0,
      duplicates: 999,
      quarantined: 1,
      alreadyQuarantined: 1,
    });
    expect(storeStatus(db).signals.find((s) => s.kind === "sales")!.rows).toBe(999);
    expect(storeStatus(db).quarantined).toBe(1);
  });

  it("quarantines rows observed after the clock plus the tolerance, naming the date (issue #26)", async () => {
    const newYear = () => new Date("2027-01-01T00:00:00Z");
    const rows = [
      "A1,B1,2026-12-31,day,1,2.5,0,0,0",
      "A1,B1,2027-01-02,day,1,2.5,0,0,0",
      "A1,B1,2027-01-03,day,1,2.5,0,0,0",
      "A1,B1,2099-12-30,day,3,3.49,0,0,0",
    ];
    const report = await ingestFile(db, {
      kind: "sales",
      file: tmp.file("future.csv", salesHeader + rows.join("\n") + "\n"),
      now: newYear,
    });
    expect(report).toMatchObject({ rowsRead: 4, stored: 2, quarantined: 2 });
    expect(report.rejections).toEqual([
      {
        line: 4,
        field: "period_end",
        reason:
          "dated 2027-01-03, after today (2027-01-01) plus the 1-day tolerance: an observation cannot come from the future",
      },
      { line: 5, field: "period_end", reason: expect.stringContaining("dated 2099-12-30") },
    ]);
    const inv = await ingestFile(db, {
      kind: "inventory",
      file: tmp.file("inv.csv", "sku,location,as_of,on_hand\nA1,B1,2030-01-01T00:00:00Z,5\n"),
      now: newYear,
    });
    expect(inv).toMatchObject({ stored: 0, quarantined: 1, rejections: [{ field: "as_of" }] });
  });

  it("refuses a file missing a required column, names it, and stores nothing", async () => {
    const before = storeStatus(db);
    const file = tmp.file("bad.csv", "sku,location,date,price_paid\nA1,B1,2024-01-01,2.5\n");
    const err = await ingestFile(db, { kind: "sales", file, now }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe("MISSING_COLUMN");
    expect((err as InputError).message).toContain("units");
    expect((err as InputError).message).toContain(file);
    expect(storeStatus(db)).toEqual(before);
  });

  it("names a missing file of an export folder instead of crashing", async () => {
    await expect(ingestDunnhumbyBtf(db, `${tmp.dir}/nowhere`)).rejects.toMatchObject({
      code: "FILE_NOT_FOUND",
      message: `${tmp.dir}/nowhere/stores.csv: no such file`,
    });
  });

  it("names the unknown kind", async () => {
    const file = tmp.file("x.csv", "a\n1\n");
    await expect(ingestFile(db, { kind: "weather", file })).rejects.toThrow(
      /unknown kind 'weather'/,
    );
  });

  it("harmonises aliases, cases, currencies and zones", async () => {
    const file = tmp.file(
      "pos.csv",
      "sku,market,channel,date,units,uom,revenue,currency\n" +
        "CASE-A1,DE,ecommerce,2024-03-15T23:30:00Z,2,unit,100,USD\n" + // 24 units; 00:30 Berlin on the 16th
        "POS-A1,DE,ecommerce,2024-02-10,3,case,90,EUR\n", // 36 units
    );
    const report = await ingestFile(db, { kind: "sales", file, source: "pos", now });
    expect(report.stored).toBe(2);
    const rows = db.prepare("SELECT * FROM sales ORDER BY period_start").all() as Record<
      string,
      unknown
    >[];
    expect(rows[0]).toMatchObject({
      sku: "A1",
      units: 36,
      revenue: 90,
      price_paid: 2.5,
      retail_week: "2024-02-10",
    });
    // USD 100 at the March rate 0.8 → EUR 80; Saturday 16 March ends its retail week.
    expect(rows[1]).toMatchObject({
      sku: "A1",
      units: 24,
      period_start: "2024-03-16",
      retail_week: "2024-03-16",
      revenue: 80,
    });
  });

  it("quarantines an unknown SKU, an unknown location, a missing FX rate and a bad date, with reasons", async () => {
    const file = tmp.file(
      "mixed.csv",
      "sku,location,date,units,price_paid,currency\n" +
        "ZZ9,B1,2024-03-02,1,2,EUR\n" +
        "A1,NOPE,2024-03-02,1,2,EUR\n" +
        "A1,B1,2024-03-02,1,2,JPY\n" +
        "A1,B1,yesterday,1,2,EUR\n" +
        "A1,B1,2024-03-02,1,0,EUR\n" +
        "A1,B1,2024-02-30,1,2,EUR\n",
    );
    const report = await ingestFile(db, { kind: "sales", file, now });
    expect(report.stored).toBe(0);
    expect(report.rejections.map((r) => [r.line, r.field])).toEqual([
      [2, "sku"],
      [3, "location"],
      [4, "currency"],
      [5, "date"],
      [6, "price_paid"],
      [7, "date"],
    ]);
    expect(report.rejections[0]!.reason).toContain("unknown SKU 'ZZ9'");
    expect(report.rejections[2]!.reason).toContain("no FX rate JPY→EUR");
  });

  it("knows a product as soon as it is ingested (the catalog is kept between ingests, not past a change)", async () => {
    const row = (line: string) =>
      tmp.file("one.csv", `sku,location,date,units,price_paid,currency\n${line}\n`);
    expect(
      (await ingestFile(db, { kind: "sales", file: row("C3,B1,2024-03-02,1,2,EUR"), now }))
        .rejections[0]?.reason,
    ).toContain("unknown SKU 'C3'");
    await ingestFile(db, {
      kind: "product",
      file: tmp.file(
        "more.csv",
        "sku,name,category,case_pack,unit_cost,regular_price\nC3,Rice,CEREAL,1,1.0,2.0\n",
      ),
      now,
    });
    expect(
      await ingestFile(db, { kind: "sales", file: row("C3,B1,2024-03-02,1,2,EUR"), now }),
    ).toMatchObject({ stored: 1, quarantined: 0 });
  });

  it("rejects a weekly row whose date is not the market's week end", async () => {
    const file = tmp.file(
      "w.csv",
      "sku,location,date,granularity,units,price_paid\nA1,S367,2024-03-05,week,4,2\nA1,S367,2024-03-06,week,4,2\n",
    );
    const report = await ingestFile(db, { kind: "sales", file, now });
    expect(report.stored).toBe(1);
    expect(report.rejections[0]!.reason).toContain("weeks end on wednesday");
  });

  it("applies a correction as latest-wins and keeps the old values in history; late rows are accepted", async () => {
    const first = tmp.file(
      "a.csv",
      salesHeader + "A1,B1,2024-03-02,day,5,2.5,0,0,0\nA1,B1,2024-03-09,day,5,2.5,0,0,0\n",
    );
    await ingestFile(db, { kind: "sales", file: first, now });
    const fix = tmp.file(
      "b.csv",
      salesHeader + "A1,B1,2024-03-02,day,7,2.5,0,0,0\nA1,B1,2024-02-24,day,4,2.5,0,0,0\n",
    );
    const report = await ingestFile(db, { kind: "sales", file: fix, now });
    expect(report).toMatchObject({ stored: 1, corrected: 1, duplicates: 0 });
    const units = db.prepare("SELECT units FROM sales WHERE period_start = '2024-03-02'").get() as {
      units: number;
    };
    expect(units.units).toBe(7);
    const hist = db.prepare("SELECT old_values FROM fact_history").all() as {
      old_values: string;
    }[];
    expect(hist).toHaveLength(1);
    expect(JSON.parse(hist[0]!.old_values)).toMatchObject({ units: 5 });
    const order = db.prepare("SELECT period_start FROM sales ORDER BY period_start").all() as {
      period_start: string;
    }[];
    expect(order.map((r) => r.period_start)).toEqual(["2024-02-24", "2024-03-02", "2024-03-09"]);
  });

  it("dedupes by source event id, and reads JSON Lines with bad lines quarantined", async () => {
    const file = tmp.file(
      "inv.jsonl",
      [
        JSON.stringify({
          source_event_id: "e1",
          sku: "A1",
          location: "B1",
          as_of: "2024-03-01T08:00:00+01:00",
          on_hand: 2,
          uom: "case",
        }),
        "{not json",
        JSON.stringify({
          source_event_id: "e1",
          sku: "A1",
          location: "B1",
          as_of: "2024-03-01T08:00:00+01:00",
          on_hand: 2,
          uom: "case",
        }),
        JSON.stringify({
          sourceEventId: "e2",
          sku: "B2",
          location: "B1",
          asOf: "2024-03-01 09:00",
          onHand: 10,
        }),
      ].join("\n"),
    );
    const report = await ingestFile(db, { kind: "inventory", file, now });
    expect(report).toMatchObject({ rowsRead: 4, stored: 2, duplicates: 1, quarantined: 1 });
    expect(report.rejections[0]).toMatchObject({ line: 2 });
    const inv = db.prepare("SELECT sku, on_hand, as_of FROM inventory ORDER BY sku").all();
    expect(inv).toEqual([
      { sku: "A1", on_hand: 24, as_of: "2024-03-01T07:00:00Z" },
      { sku: "B2", on_hand: 10, as_of: "2024-03-01T08:00:00Z" },
    ]);
  });

  it("prepares on a worker thread with the same results, and fails whole on a missing column there too", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => {
      const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      return i === 1234 ? `A1,B1,${day},day,x,2.5,0,0,0` : `A1,B1,${day},day,${i % 5},2.5,0,0,0`;
    });
    const file = tmp.file("big.csv", salesHeader + rows.join("\n") + "\n");
    const viaWorker = await ingestFile(db, { kind: "sales", file, now, parallel: true });
    expect(viaWorker).toMatchObject({
      rowsRead: 3000,
      stored: 2999,
      quarantined: 1,
      rejections: [{ line: 1236, field: "units" }],
    });
    const again = await ingestFile(db, { kind: "sales", file, now, parallel: false });
    expect(again).toMatchObject({ stored: 0, duplicates: 2999, alreadyQuarantined: 1 });

    const bad = tmp.file("bad-big.csv", "sku,location,date\nA1,B1,2024-01-02\n");
    const before = storeStatus(db);
    await expect(
      ingestFile(db, { kind: "sales", file: bad, now, parallel: true }),
    ).rejects.toMatchObject({ code: "MISSING_COLUMN" });
    expect(storeStatus(db)).toEqual(before);
  });

  it("quarantines a CSV row with the wrong number of fields", async () => {
    const file = tmp.file(
      "c.csv",
      salesHeader + "A1,B1,2024-03-02,day,5,2.5,0,0,0\nA1,B1,2024-03-03\n",
    );
    const report = await ingestFile(db, { kind: "sales", file, now });
    expect(report).toMatchObject({ stored: 1, quarantined: 1 });
    expect(report.rejections[0]).toMatchObject({
      line: 3,
      reason: "row has 3 fields, the header has 9",
    });
  });
});
