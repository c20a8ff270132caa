import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { ingestRecords, type Db } from "../../../src/store/index.js";

/** A generated catalog: one UTC market, `stores` stores, `skus` products. */
export interface GeneratedCatalog {
  skus: number;
  stores: number;
}

const sku = (i: number) => `G${String(i).padStart(4, "0")}`;
const store = (i: number) => `ST${String(i).padStart(3, "0")}`;

/** Loads the generated catalog through the ordinary ingest path. */
export async function seedGeneratedCatalog(db: Db, c: GeneratedCatalog): Promise<void> {
  const load = (kind: string, rows: Record<string, unknown>[]) =>
    ingestRecords(db, [rows.map((values, i) => ({ line: i + 2, values }))], {
      kind,
      source: "gen",
      origin: `gen:${kind}`,
    });
  await load("market", [
    { id: "GEN", region: "Generated", currency: "EUR", timeZone: "UTC", weekEndsOn: "saturday" },
  ]);
  await load(
    "location",
    Array.from({ length: c.stores }, (_, i) => ({ id: store(i), marketId: "GEN" })),
  );
  await load(
    "product",
    Array.from({ length: c.skus }, (_, i) => ({
      sku: sku(i),
      name: `Product ${i}`,
      category: "GEN",
    })),
  );
}

/**
 * Daily sales row `i`: every (sku, store) pair, then the next day, so rows `from..to` have
 * distinct natural keys and overlapping ranges share exactly their common rows.
 */
export function salesRow(i: number, c: GeneratedCatalog): string {
  const pairs = c.skus * c.stores;
  const day = new Date(Date.UTC(2000, 0, 1) + Math.floor(i / pairs) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const units = (i * 7) % 13;
  return `${sku(i % c.skus)},${store(Math.floor(i / c.skus) % c.stores)},${day},${units},${(1 + (i % 5) * 0.25).toFixed(2)}\n`;
}

/** Streams rows `from` (inclusive) to `to` (exclusive) to a CSV file without holding them. */
export async function writeSalesCsv(
  file: string,
  from: number,
  to: number,
  c: GeneratedCatalog,
): Promise<void> {
  const out = createWriteStream(file);
  out.write("sku,location,date,units,price_paid\n");
  let chunk = "";
  for (let i = from; i < to; i++) {
    chunk += salesRow(i, c);
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}
