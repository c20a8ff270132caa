// Peak memory of one sales ingest at 500,000 and 5,000,000 rows, each in a fresh process: streaming
// ingestion must keep memory flat, so the ratio should stay near 1 however large the file.
// Also runs as its own child: `node --import tsx bench/resources.ts --child <db> <file>`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ingestFile, openDb } from "../src/store/index.js";
import {
  seedGeneratedCatalog,
  writeSalesCsv,
  type GeneratedCatalog,
} from "../test/reliability/support/generated.js";

/** 200 SKUs × 50 stores: 10,000 rows a day, so 5M rows span 500 days of distinct keys. */
const CATALOG: GeneratedCatalog = { skus: 200, stores: 50 };

interface ChildResult {
  rows: number;
  stored: number;
  seconds: number;
  peakRssMb: number;
}

async function child(dbPath: string, file: string): Promise<void> {
  const db = openDb(dbPath);
  const t0 = performance.now();
  const r = await ingestFile(db, { kind: "sales", file });
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  const out: ChildResult = {
    rows: r.rowsRead,
    stored: r.stored,
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(JSON.stringify(out));
}

async function measure(work: string, rows: number): Promise<ChildResult> {
  const db = join(work, `${rows}.db`);
  const conn = openDb(db);
  await seedGeneratedCatalog(conn, CATALOG);
  conn.close();
  const file = join(work, `${rows}.csv`);
  await writeSalesCsv(file, 0, rows, CATALOG);
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), "--child", db, file],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  rmSync(file, { force: true });
  return JSON.parse(out) as ChildResult;
}

/** Peak RSS of ingesting 0.5M and 5M generated sales rows, and their ratio. */
export async function benchResources(): Promise<Record<string, number>> {
  const work = mkdtempSync(join(tmpdir(), "autopromo-bench-resources-"));
  try {
    const small = await measure(work, 500_000);
    const large = await measure(work, 5_000_000);
    return {
      "ingest_500k.rows_per_s": Math.round(small.rows / small.seconds),
      "ingest_500k.peak_rss_mb": Math.round(small.peakRssMb),
      "ingest_5m.stored": large.stored,
      "ingest_5m.seconds": Math.round(large.seconds),
      "ingest_5m.peak_rss_mb": Math.round(large.peakRssMb),
      "peak_rss_5m_vs_500k.ratio": Math.round((large.peakRssMb / small.peakRssMb) * 100) / 100,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--child") await child(process.argv[3]!, process.argv[4]!);
