import { join } from "node:path";
import type { Db } from "../db.js";
import { ingestFile, ingestRecords, sha256File } from "../ingest/ingest.js";
import { readCsv, type SourceRecord } from "../ingest/readers.js";
import type { IngestReport } from "../ingest/report.js";

export const DUNNHUMBY_SOURCE = "dunnhumby-btf";

/** The states in the sample, as markets; Cincinnati-area Kentucky keeps Eastern time. */
const STATE_ZONES: Record<string, string> = {
  OH: "America/New_York",
  KY: "America/New_York",
  IN: "America/Indiana/Indianapolis",
  TX: "America/Chicago",
};

export interface DunnhumbyReport {
  markets: IngestReport;
  stores: IngestReport;
  products: IngestReport;
  sales: IngestReport;
  /** What the loader did about the export's known quirks. */
  notes: string[];
}

/**
 * Loads dunnhumby's "Breakfast at the Frat" export (products.csv, stores.csv, transactions.csv):
 * stores grouped into one market per state, weekly sales on Wednesday-ending retail weeks.
 * Each file is one ingest (one transaction); re-running stores nothing new.
 */
export async function ingestDunnhumbyBtf(
  db: Db,
  dir: string,
  opts: { now?: () => Date } = {},
): Promise<DunnhumbyReport> {
  const notes: string[] = [];
  const storesFile = join(dir, "stores.csv");
  const storeRows = await collect(
    readCsv(storesFile, ["storeId", "storeName", "addressStateProvCode"]),
  );
  const seen = new Map<string, Record<string, unknown>>();
  const stores: SourceRecord[] = [];
  for (const r of storeRows) {
    if (!("values" in r)) continue;
    const id = String(r.values.storeId);
    const first = seen.get(id);
    if (first) {
      notes.push(
        `stores.csv line ${r.line}: store ${id} listed again (segment ${String(r.values.segValueName)} vs ${String(first.segValueName)}); kept the first`,
      );
      continue;
    }
    seen.set(id, r.values);
    stores.push(r);
  }
  const states = [...new Set([...seen.values()].map((v) => String(v.addressStateProvCode)))].sort();
  const common = { source: DUNNHUMBY_SOURCE, ...(opts.now ? { now: opts.now } : {}) };

  const markets = await ingestRecords(
    db,
    [
      states.map((s, i) => ({
        line: i + 1,
        values: {
          id: `US-${s}`,
          name: s,
          region: s,
          currency: "USD",
          timeZone: STATE_ZONES[s] ?? "America/New_York",
          weekEndsOn: "wednesday",
        },
      })),
    ],
    { ...common, kind: "market", origin: `${storesFile} (states)` },
  );
  const storesReport = await ingestRecords(
    db,
    [
      stores.map((r) => {
        const v = (r as { values: Record<string, unknown> }).values;
        return {
          line: r.line,
          values: {
            id: v.storeId,
            name: v.storeName,
            marketId: `US-${String(v.addressStateProvCode)}`,
            kind: "store",
            segment: v.segValueName,
            salesAreaSqft: v.salesAreaSizeNum,
          },
        };
      }),
    ],
    { ...common, kind: "location", origin: storesFile, originSha256: await sha256File(storesFile) },
  );

  const productsFile = join(dir, "products.csv");
  const products = await ingestRecords(
    db,
    mapValues(readCsv(productsFile, ["upc", "description", "category"]), (v) => ({
      sku: v.upc,
      name: v.description,
      category: v.category,
      subcategory: v.subCategory,
      brand: v.manufacturer,
      manufacturer: v.manufacturer,
      packSize: v.productSize,
      currency: "USD",
    })),
    {
      ...common,
      kind: "product",
      origin: productsFile,
      originSha256: await sha256File(productsFile),
    },
  );

  const sales = await ingestFile(db, {
    kind: "sales",
    file: join(dir, "transactions.csv"),
    source: DUNNHUMBY_SOURCE,
    transform: "dunnhumby-btf-sales",
    ...(opts.now ? { now: opts.now } : {}),
  });
  return { markets, stores: storesReport, products, sales, notes };
}

async function collect(batches: AsyncIterable<SourceRecord[]>): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const b of batches) out.push(...b);
  return out;
}

async function* mapValues(
  batches: AsyncIterable<SourceRecord[]>,
  fn: (v: Record<string, unknown>) => Record<string, unknown>,
): AsyncGenerator<SourceRecord[]> {
  for await (const b of batches)
    yield b.map((r) => ("values" in r ? { line: r.line, values: fn(r.values) } : r));
}
