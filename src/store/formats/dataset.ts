import type { SignalKind } from "../../domain/index.js";
import type { Db } from "../db.js";
import { ingestRecords } from "../ingest/ingest.js";
import type { SourceRecord } from "../ingest/readers.js";
import type { IngestReport } from "../ingest/report.js";

/** Records already in memory (a generator's output, a test fixture), keyed as the domain schemas are. */
export interface Dataset {
  markets: readonly object[];
  locations: readonly object[];
  products: readonly object[];
  skuAliases: readonly object[];
  fxRates: readonly object[];
  feeds: Partial<Record<SignalKind, readonly { source: string; rows: readonly object[] }[]>>;
}

/** The order reference data must arrive in: markets before the locations in them, products before aliases. */
const REFERENCE: [keyof Dataset, string][] = [
  ["markets", "market"],
  ["locations", "location"],
  ["products", "product"],
  ["skuAliases", "sku_alias"],
  ["fxRates", "fx_rate"],
];

/**
 * Ingests an in-memory dataset through the same validation and harmonisation as files, one
 * ingest per kind and source. `origin` names it in reports and quarantine.
 */
export async function ingestDataset(
  db: Db,
  data: Dataset,
  opts: { origin: string; now?: () => Date },
): Promise<IngestReport[]> {
  const reports: IngestReport[] = [];
  const run = async (kind: string, source: string, rows: readonly object[]) => {
    const records: SourceRecord[] = rows.map((r, i) => ({
      line: i + 1,
      values: r as Record<string, unknown>,
    }));
    reports.push(
      await ingestRecords(db, [records], {
        kind,
        source,
        origin: `${opts.origin}:${kind}:${source}`,
        ...(opts.now ? { now: opts.now } : {}),
      }),
    );
  };
  for (const [field, kind] of REFERENCE)
    await run(kind, opts.origin, data[field] as readonly object[]);
  for (const [kind, batches] of Object.entries(data.feeds)) {
    for (const b of batches ?? []) await run(kind, b.source, b.rows);
  }
  return reports;
}
