import { describe, expect, it } from "vitest";
import { jsonRecord } from "../store/ingest/readers.js";
import { ingestRecords, openDb, type Db } from "../store/index.js";
import { createSignalScopes, triggersRuns, type SignalScopes } from "./signal-scopes.js";

/** The scopes of the signals since the last look, without their facts. */
const scopesOf = (s: SignalScopes) => s.next().map((x) => x.scope);

/** Rows as POST /signals reads them. */
async function ingest(db: Db, kind: string, rows: Record<string, unknown>[], source = "test") {
  const report = await ingestRecords(
    db,
    [rows.map((r, i) => jsonRecord(i + 1, JSON.stringify(r)))],
    { kind, source, origin: `test:${kind}` },
  );
  expect(report.quarantined, JSON.stringify(report.rejections)).toBe(0);
  return report;
}

/** Two markets, two categories, a store in each market and a plant; sales of every SKU everywhere. */
async function store(): Promise<Db> {
  const db = openDb(":memory:");
  await ingest(db, "market", [
    { id: "UK", region: "EU", currency: "GBP", time_zone: "Europe/London" },
    { id: "DE", region: "EU", currency: "GBP", time_zone: "Europe/Berlin" },
  ]);
  await ingest(db, "location", [
    { id: "S-UK", market_id: "UK", kind: "store" },
    { id: "S-DE", market_id: "DE", kind: "store" },
    { id: "P-1", market_id: "DE", kind: "plant" },
  ]);
  await ingest(db, "product", [
    { sku: "SNK-1", name: "crisps", category: "snacks" },
    { sku: "FRZ-1", name: "peas", category: "frozen" },
  ]);
  await ingest(
    db,
    "sales",
    ["SNK-1", "FRZ-1"].flatMap((sku) =>
      ["S-UK", "S-DE"].map((location) => ({
        sku,
        location,
        date: "2025-02-10",
        units: 3,
        revenue: 6,
      })),
    ),
  );
  return db;
}

/** One competitor price for SNK-1 in the UK, as the tests ingest it. */
const vmPrice = (price: number) => ({
  competitor: "VM",
  competitor_product: "VM-1",
  market: "UK",
  sku: "SNK-1",
  price,
  observed_at: "2025-02-12T09:00:00Z",
});

describe("signal → scopes", () => {
  it("maps each stored or corrected fact to the category × market it touches, once, and only what is new", async () => {
    const db = await store();
    const scopes = createSignalScopes(db);
    expect(scopesOf(scopes)).toEqual([]); // history is not a signal

    await ingest(db, "competitor_price", [vmPrice(1.5)]);
    expect(scopesOf(scopes)).toEqual([{ category: "snacks", market: "UK" }]);
    expect(scopesOf(scopes)).toEqual([]);

    // A duplicate changes nothing; a correction (same key, new price) is a signal again.
    await ingest(db, "competitor_price", [vmPrice(1.5)]);
    expect(scopesOf(scopes)).toEqual([]);
    await ingest(db, "competitor_price", [vmPrice(1.2)]);
    expect(scopesOf(scopes)).toEqual([{ category: "snacks", market: "UK" }]);

    await ingest(db, "inventory", [
      { sku: "FRZ-1", location: "S-DE", as_of: "2025-02-12", on_hand: 40 },
    ]);
    await ingest(db, "sales", [
      { sku: "SNK-1", location: "S-DE", date: "2025-02-11", units: 9, revenue: 18 },
    ]);
    expect(scopesOf(scopes)).toEqual([
      { category: "frozen", market: "DE" },
      { category: "snacks", market: "DE" },
    ]);

    // A plant's output reaches every market that sells the SKU.
    await ingest(db, "production", [
      { plant: "P-1", sku: "FRZ-1", date: "2025-02-12", planned_units: 100, capacity_units: 120 },
    ]);
    expect(scopesOf(scopes)).toEqual([
      { category: "frozen", market: "DE" },
      { category: "frozen", market: "UK" },
    ]);

    // A consumer signal names a SKU, a category, or only a market (every category sold there).
    await ingest(db, "consumer_signal", [
      {
        market: "UK",
        kind: "search_interest",
        value: 2,
        observed_at: "2025-02-12T00:00:00Z",
        category: "frozen",
      },
      { market: "DE", kind: "weather_index", value: 30, observed_at: "2025-02-12T00:00:00Z" },
    ]);
    expect(scopesOf(scopes)).toEqual([
      { category: "frozen", market: "DE" },
      { category: "frozen", market: "UK" },
      { category: "snacks", market: "DE" },
    ]);
    db.close();
  });

  it("carries what each signal said: kind, SKUs, market, value, dates and ingest", async () => {
    const db = await store();
    const scopes = createSignalScopes(db);
    const first = await ingest(db, "competitor_price", [vmPrice(1.5)]);
    const fact = {
      kind: "competitor_price",
      market: "UK",
      skus: ["SNK-1"],
      skuCount: 1,
      count: 1,
      corrected: 0,
      measure: "price",
      min: 1.5,
      max: 1.5,
      from: "2025-02-12T09:00:00Z",
      to: "2025-02-12T09:00:00Z",
      ingestId: first.ingestId,
    };
    expect(scopes.next()).toEqual([{ scope: { category: "snacks", market: "UK" }, facts: [fact] }]);
    // A correction says the new value, under the ingest that made it.
    const fix = await ingest(db, "competitor_price", [vmPrice(1.2)]);
    expect(scopes.next()[0]!.facts).toEqual([
      { ...fact, corrected: 1, min: 1.2, max: 1.2, ingestId: fix.ingestId },
    ]);

    // Many rows of one ingest in one scope: one summary (range of values and of dates).
    const week = await ingest(db, "sales", [
      { sku: "SNK-1", location: "S-DE", date: "2025-02-11", units: 9, revenue: 18 },
      { sku: "SNK-1", location: "S-DE", date: "2025-02-13", units: 4, revenue: 8 },
    ]);
    expect(scopes.next()).toMatchObject([
      {
        scope: { category: "snacks", market: "DE" },
        facts: [
          {
            kind: "sales",
            skus: ["SNK-1"],
            count: 2,
            measure: "units",
            min: 4,
            max: 9,
            ingestId: week.ingestId,
          },
        ],
      },
    ]);
    // A market-wide consumer signal names no SKU and measures its own kind.
    await ingest(db, "consumer_signal", [
      { market: "DE", kind: "weather_index", value: 30, observed_at: "2025-02-12T00:00:00Z" },
    ]);
    const wide = scopes.next();
    expect(wide.map((x) => x.scope.category)).toEqual(["frozen", "snacks"]);
    expect(wide[0]!.facts).toMatchObject([
      { kind: "consumer_signal", skus: [], skuCount: 0, measure: "weather_index", min: 30 },
    ]);

    // Only the facts of named ingests: another process's rows are passed over.
    const mine = await ingest(db, "inventory", [
      { sku: "FRZ-1", location: "S-DE", as_of: "2025-02-12", on_hand: 40 },
    ]);
    await ingest(db, "inventory", [
      { sku: "SNK-1", location: "S-UK", as_of: "2025-02-12", on_hand: 7 },
    ]);
    expect(scopes.next([mine.ingestId])).toMatchObject([
      { scope: { category: "frozen", market: "DE" }, facts: [{ ingestId: mine.ingestId }] },
    ]);
    db.close();
  });

  it("reference data waits for the next cycle", () => {
    expect(
      ["competitor_price", "sales", "inventory", "production", "consumer_signal"].every(
        triggersRuns,
      ),
    ).toBe(true);
    expect(["product", "market", "location", "sku_alias", "fx_rate"].some(triggersRuns)).toBe(
      false,
    );
  });
});
