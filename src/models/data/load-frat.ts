import { createReadStream, existsSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse";
import { ModelError } from "../errors.js";
import type { FratDataset, FratProduct, FratStore, FratTransaction } from "./frat-schemas.js";
import { imputePrices, type RawTransaction } from "./impute.js";

/** A CSV row viewed through its header: cells are looked up by column name. */
interface CsvRecord {
  get(col: string): string | undefined;
}

/** Stream a CSV file as records; arrays + a header index are much faster than object rows. */
async function* readCsv(file: string): AsyncGenerator<CsvRecord> {
  if (!existsSync(file)) throw new ModelError("DATA_MISSING", `file not found: ${file}`);
  const parser = createReadStream(file).pipe(parse({ columns: false, skip_empty_lines: true }));
  let header: Map<string, number> | undefined;
  for await (const cells of parser as AsyncIterable<string[]>) {
    if (!header) {
      header = new Map(cells.map((c, i) => [c.trim(), i]));
      continue;
    }
    const h = header;
    yield {
      get: (col) => {
        const i = h.get(col);
        return i === undefined ? undefined : (cells[i] ?? "").trim();
      },
    };
  }
}

function need(rec: CsvRecord, col: string, file: string): string {
  const v = rec.get(col);
  if (v === undefined) throw new ModelError("DATA_INVALID", `${file}: missing column ${col}`);
  return v;
}

function int(rec: CsvRecord, col: string, file: string): number {
  const v = Number(need(rec, col, file));
  if (!Number.isInteger(v))
    throw new ModelError("DATA_INVALID", `${file}: ${col} is not an integer: ${rec.get(col)}`);
  return v;
}

/** An empty cell becomes NaN (imputed later); anything else must be a finite number. */
function optNum(rec: CsvRecord, col: string, file: string): number {
  const s = need(rec, col, file);
  if (s === "") return Number.NaN;
  const v = Number(s);
  if (!Number.isFinite(v))
    throw new ModelError("DATA_INVALID", `${file}: ${col} is not a number: ${s}`);
  return v;
}

function flag(rec: CsvRecord, col: string, file: string): 0 | 1 {
  return need(rec, col, file) === "1" ? 1 : 0;
}

async function loadTransactions(file: string): Promise<RawTransaction[]> {
  const out: RawTransaction[] = [];
  for await (const r of readCsv(file)) {
    const weekEndDate = need(r, "WEEK_END_DATE", file);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(weekEndDate)) {
      throw new ModelError("DATA_INVALID", `${file}: bad WEEK_END_DATE ${weekEndDate}`);
    }
    out.push({
      weekEndDate,
      store: int(r, "STORE_NUM", file),
      upc: int(r, "UPC", file),
      units: optNum(r, "UNITS", file),
      spend: optNum(r, "SPEND", file),
      price: optNum(r, "PRICE", file),
      basePrice: optNum(r, "BASE_PRICE", file),
      feature: flag(r, "FEATURE", file),
      display: flag(r, "DISPLAY", file),
      tprOnly: flag(r, "TPR_ONLY", file),
    });
  }
  return out;
}

async function loadProducts(file: string): Promise<FratProduct[]> {
  const out: FratProduct[] = [];
  for await (const r of readCsv(file)) {
    out.push({
      upc: int(r, "UPC", file),
      description: need(r, "DESCRIPTION", file),
      manufacturer: need(r, "MANUFACTURER", file),
      category: need(r, "CATEGORY", file),
      subCategory: need(r, "SUB_CATEGORY", file),
      productSize: r.get("PRODUCT_SIZE") ?? "",
    });
  }
  return out;
}

async function loadStores(file: string): Promise<{ stores: FratStore[]; dropped: number }> {
  const byId = new Map<number, FratStore>();
  let dropped = 0;
  for await (const r of readCsv(file)) {
    const storeId = int(r, "STORE_ID", file);
    // The publisher's sheet lists two stores twice (differing only in segment): keep the first.
    if (byId.has(storeId)) {
      dropped++;
      continue;
    }
    byId.set(storeId, {
      storeId,
      storeName: r.get("STORE_NAME") ?? "",
      city: r.get("ADDRESS_CITY_NAME") ?? "",
      state: r.get("ADDRESS_STATE_PROV_CODE") ?? "",
      segment: r.get("SEG_VALUE_NAME") ?? "",
    });
  }
  return { stores: [...byId.values()], dropped };
}

/** Load transactions.csv, products.csv and stores.csv from a Breakfast-at-the-Frat style directory. */
export async function loadFratDataset(dir: string): Promise<FratDataset> {
  const [raw, products, storeLoad] = await Promise.all([
    loadTransactions(join(dir, "transactions.csv")),
    loadProducts(join(dir, "products.csv")),
    loadStores(join(dir, "stores.csv")),
  ]);
  const known = new Set(products.map((p) => p.upc));
  const unknown = raw.find((r) => !known.has(r.upc));
  if (unknown) throw new ModelError("DATA_INVALID", `UPC ${unknown.upc} is not in products.csv`);
  const { rows, imputedPrice, imputedBasePrice } = imputePrices(raw);
  const transactions: FratTransaction[] = rows;
  return {
    transactions,
    products,
    stores: storeLoad.stores,
    report: {
      rows: transactions.length,
      imputedPrice,
      imputedBasePrice,
      duplicateStoresDropped: storeLoad.dropped,
    },
  };
}
