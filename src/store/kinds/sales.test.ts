import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scratchDir } from "../../../test/helpers.js";
import { openDb, type Db } from "../db.js";
import { ingestFile } from "../ingest/ingest.js";

// Issue #27 item 7: a sales row without revenue or price_paid sold at the regular price.

let db: Db;
let tmp: ReturnType<typeof scratchDir>;
const now = () => new Date("2030-01-01T00:00:00Z");

beforeEach(async () => {
  tmp = scratchDir();
  db = openDb(`${tmp.dir}/t.db`);
  const file = (name: string, text: string) => tmp.file(name, text);
  await ingestFile(db, {
    kind: "market",
    file: file(
      "m.csv",
      "id,region,currency,time_zone,week_ends_on\nDE,Germany,EUR,Europe/Berlin,saturday\nUS-OH,Ohio,USD,America/New_York,wednesday\n",
    ),
    now,
  });
  await ingestFile(db, {
    kind: "location",
    file: file("l.csv", "id,market_id\nB1,DE\nS367,US-OH\n"),
    now,
  });
  await ingestFile(db, {
    kind: "product",
    file: file(
      "p.csv",
      "sku,name,category,case_pack,unit_cost,regular_price,currency\nA1,Oats,CEREAL,12,1.0,2.5,EUR\nN1,Nuts,SNACKS,1,1.0,,EUR\n",
    ),
    now,
  });
  await ingestFile(db, {
    kind: "fx_rate",
    file: file("fx.csv", "date,from,to,rate\n2024-01-01,EUR,USD,1.25\n"),
    now,
  });
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

type Row = {
  units: number;
  revenue: number;
  price_paid: number | null;
  regular_price: number | null;
};
const stored = (sku: string, location: string) =>
  db
    .prepare(
      "SELECT units, revenue, price_paid, regular_price FROM sales WHERE sku = ? AND location_id = ?",
    )
    .get(sku, location) as Row | undefined;

describe("sales rows without revenue or price", () => {
  it("are stored at the row's regular price, as an unpromoted sale", async () => {
    const file = tmp.file(
      "s.csv",
      "sku,location,date,units,regular_price\nA1,B1,2024-03-02,4,2.4\n",
    );
    expect(await ingestFile(db, { kind: "sales", file, now })).toMatchObject({
      stored: 1,
      quarantined: 0,
    });
    expect(stored("A1", "B1")).toEqual({
      units: 4,
      revenue: 9.6,
      price_paid: 2.4,
      regular_price: 2.4,
    });
  });

  it("else at the catalogue's regular price, converted to the market's currency on the day", async () => {
    const file = tmp.file(
      "s.csv",
      "sku,location,date,units\nA1,B1,2024-03-02,4\nA1,S367,2024-03-06,2\n",
    );
    expect(await ingestFile(db, { kind: "sales", file, now })).toMatchObject({
      stored: 2,
      quarantined: 0,
    });
    expect(stored("A1", "B1")).toEqual({
      units: 4,
      revenue: 10,
      price_paid: 2.5,
      regular_price: 2.5,
    });
    expect(stored("A1", "S367")).toEqual({
      units: 2,
      revenue: 6.25,
      price_paid: 3.125,
      regular_price: 3.125,
    });
  });

  it("keep a given revenue or price as it is", async () => {
    const file = tmp.file(
      "s.csv",
      "sku,location,date,units,revenue,price_paid\nA1,B1,2024-03-02,4,8,\nA1,B1,2024-03-09,2,,1.5\n",
    );
    expect(await ingestFile(db, { kind: "sales", file, now })).toMatchObject({
      stored: 2,
      quarantined: 0,
    });
    const rows = db
      .prepare("SELECT revenue, price_paid, regular_price FROM sales ORDER BY period_start")
      .all();
    expect(rows).toEqual([
      { revenue: 8, price_paid: 2, regular_price: null },
      { revenue: 3, price_paid: 1.5, regular_price: null },
    ]);
  });

  it("are quarantined with the reason when no regular price is known either", async () => {
    const file = tmp.file("s.csv", "sku,location,date,units\nN1,B1,2024-03-02,4\n");
    const report = await ingestFile(db, { kind: "sales", file, now });
    expect(report).toMatchObject({ stored: 0, quarantined: 1 });
    expect(report.rejections[0]).toMatchObject({ line: 2, field: "revenue" });
    expect(report.rejections[0]!.reason).toMatch(
      /needs revenue, price_paid or regular_price \(product N1 has no regular price in the catalogue\)/,
    );
  });
});
