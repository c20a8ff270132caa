import { copyFileSync } from "node:fs";
import { ingestRecords, openDb, type Db } from "../../../src/store/index.js";

/**
 * A small catalog every reliability suite shares: three markets whose weeks end on different days
 * (one in a zone with a +12:45 offset, so local days and retail weeks are easy to get wrong),
 * stores in each, products with case packs, aliases with multipliers and an FX rate.
 */
export const CATALOG: Record<string, Record<string, unknown>[]> = {
  market: [
    {
      id: "DE",
      region: "Germany",
      currency: "EUR",
      timeZone: "Europe/Berlin",
      weekEndsOn: "saturday",
    },
    {
      id: "US-OH",
      region: "Ohio",
      currency: "USD",
      timeZone: "America/New_York",
      weekEndsOn: "wednesday",
    },
    {
      id: "NZ-CI",
      region: "Chatham Islands",
      currency: "NZD",
      timeZone: "Pacific/Chatham",
      weekEndsOn: "sunday",
    },
  ],
  location: [
    { id: "B1", marketId: "DE" },
    { id: "S367", marketId: "US-OH" },
    { id: "C1", marketId: "NZ-CI", kind: "store" },
    { id: "P1", marketId: "DE", kind: "plant" },
  ],
  product: [
    { sku: "A1", name: "Oats", category: "CEREAL", casePack: 12, unitCost: 1, regularPrice: 2.5 },
    {
      sku: "B2",
      name: "Pretzels",
      category: "SNACKS",
      casePack: 6,
      unitCost: 0.8,
      regularPrice: 1.9,
    },
  ],
  sku_alias: [
    { source: "pos", code: "POS-A1", sku: "A1", unitsPerCode: 1 },
    { source: "pos", code: "CASE-A1", sku: "A1", unitsPerCode: 12 },
    { source: "rival", code: "R-9", sku: "B2", unitsPerCode: 1 },
  ],
  fx_rate: [
    { date: "2024-01-01", from: "USD", to: "EUR", rate: 0.9 },
    { date: "2024-01-01", from: "NZD", to: "USD", rate: 0.6 },
  ],
};

/** Loads {@link CATALOG} through the ordinary ingest path. */
export async function seedCatalog(db: Db): Promise<void> {
  for (const kind of ["market", "location", "product", "sku_alias", "fx_rate"]) {
    const rows = CATALOG[kind]!.map((values, i) => ({ line: i + 2, values }));
    await ingestRecords(db, [rows], { kind, source: "seed", origin: `seed:${kind}` });
  }
}

/** A seeded database file to copy per case: copying is far cheaper than migrating and seeding. */
export async function seededTemplate(path: string): Promise<string> {
  const db = openDb(path);
  await seedCatalog(db);
  // Closing checkpoints the WAL, so the single file holds everything.
  db.close();
  return path;
}

/** A fresh copy of the template at `path`, opened. */
export function openCopy(template: string, path: string): Db {
  copyFileSync(template, path);
  return openDb(path);
}
