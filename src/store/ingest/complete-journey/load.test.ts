import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeSyntheticCompleteJourney } from "../../../models/affinity/testing.js";
import { openDb, type Db } from "../../db.js";
import { listQuarantine } from "../../repositories/quarantine.js";
import { ingestCompleteJourney } from "./load.js";

let dir: string;
let db: Db;
const now = () => new Date("2024-06-01T00:00:00Z");
const count = (table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cj-load-"));
  writeSyntheticCompleteJourney(join(dir, "cj"));
  db = openDb(join(dir, "t.db"));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("ingest --format complete-journey", () => {
  it("stores every file through the ingestion path and quarantines bad rows with file, line and field", async () => {
    const r = await ingestCompleteJourney(db, join(dir, "cj"), { now });
    expect(r.products).toMatchObject({ rowsRead: 41, stored: 40, quarantined: 1 });
    expect(r.households).toMatchObject({ rowsRead: 60, stored: 60 });
    expect(r.campaigns).toMatchObject({ rowsRead: 7, stored: 6, quarantined: 1 });
    expect(r.campaignTargets.quarantined).toBe(1);
    expect(r.coupons).toMatchObject({ stored: 30, duplicates: 1, quarantined: 1 });
    expect(r.redemptions.quarantined).toBe(1);
    expect(r.basketLines).toMatchObject({ rowsRead: 4_804, stored: 4_800, quarantined: 4 });
    expect(count("cj_basket_lines")).toBe(4_800);
    expect(count("cj_coupons")).toBe(30);

    const q = listQuarantine(db, { limit: 100 });
    const at = (file: string) =>
      q.filter((x) => x.file.endsWith(file)).map((x) => ({ line: x.line, field: x.field }));
    expect(at("products.csv")).toEqual([{ line: 42, field: "department" }]);
    expect(at("campaign_descriptions.csv")).toEqual([{ line: 8, field: "end_date" }]);
    expect(at("campaigns.csv")).toEqual([
      { line: r.campaignTargets.rowsRead + 1, field: "campaign_id" },
    ]);
    expect(at("coupons.csv")).toEqual([{ line: 33, field: "product_id" }]);
    expect(at("coupon_redemptions.csv")).toEqual([
      { line: r.redemptions.rowsRead + 1, field: "coupon_upc" },
    ]);
    expect(at("transactions_sample.csv").sort((a, b) => a.line - b.line)).toEqual([
      { line: 4_802, field: "quantity" },
      { line: 4_803, field: "product_id" },
      { line: 4_804, field: "transaction_timestamp" },
      { line: 4_805, field: null },
    ]);
    expect(q.find((x) => x.file.endsWith("campaigns.csv"))!.reason).toMatch(
      /unknown campaign '77'/,
    );
  });

  it("stores times in UTC with the retailer's local day, and maps product ids through the catalog", async () => {
    await ingestCompleteJourney(db, join(dir, "cj"), { now });
    const first = readFileSync(join(dir, "cj", "transactions_sample.csv"), "utf8")
      .split("\n")[1]!
      .split(",");
    const row = db
      .prepare(
        "SELECT purchased_at, local_date, product_id FROM cj_basket_lines WHERE basket_id = ?",
      )
      .get(first[2]) as Record<string, string>;
    const [day, time] = first[10]!.split(" ");
    expect(row.local_date).toBe(day);
    // New York is 4 or 5 hours behind UTC.
    const offsetHours = (Date.parse(row.purchased_at!) - Date.parse(`${day}T${time}Z`)) / 3_600_000;
    expect([4, 5]).toContain(offsetHours);
    expect(
      db.prepare("SELECT category, subcategory FROM products WHERE sku = ?").get(row.product_id),
    ).toMatchObject({
      category: expect.any(String),
      subcategory: expect.stringMatching(/^COMMODITY/),
    });
  });

  it("stores nothing new and quarantines nothing twice when run again", async () => {
    await ingestCompleteJourney(db, join(dir, "cj"), { now });
    const again = await ingestCompleteJourney(db, join(dir, "cj"), { now });
    const reports = [
      again.products,
      again.households,
      again.campaigns,
      again.campaignTargets,
      again.coupons,
      again.redemptions,
      again.basketLines,
    ];
    expect(reports.map((x) => x.stored + x.corrected)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(reports.map((x) => x.alreadyQuarantined)).toEqual(reports.map((x) => x.quarantined));
    expect(count("quarantine")).toBe(9);
  });

  it("refuses the folder whole when a file lacks a required column, naming the file and the column", async () => {
    const f = join(dir, "cj", "campaigns.csv");
    writeFileSync(f, readFileSync(f, "utf8").replace("campaign_id,household_id", "campaign_id,hh"));
    await expect(ingestCompleteJourney(db, join(dir, "cj"), { now })).rejects.toMatchObject({
      code: "MISSING_COLUMN",
      field: "household_id",
      file: f,
    });
    expect([
      count("products"),
      count("cj_households"),
      count("cj_campaigns"),
      count("cj_campaign_targets"),
    ]).toEqual([0, 0, 0, 0]);
  });
});
