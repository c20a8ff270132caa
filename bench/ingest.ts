import { execFileSync } from "node:child_process";
import { copyFileSync, createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { parse } from "csv-parse";
import { openDb } from "../src/store/index.js";

interface ChildResult {
  rows: number;
  stored: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}

function runChild(dir: string, db: string): ChildResult {
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, "ingest-child.ts"), dir, db],
    {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(out) as ChildResult;
}

/** The same rows, inserted by hand with one prepared statement in one transaction: the floor. */
async function rawInsert(
  file: string,
  db: string,
): Promise<{ rows: number; seconds: number; cpuSeconds: number }> {
  const rows: string[][] = [];
  for await (const r of createReadStream(file).pipe(parse({ from_line: 2 })))
    rows.push(r as string[]);
  const conn = openDb(db);
  const st = conn.prepare(
    `INSERT INTO sales (source, source_event_id, sku, market_id, location_id, channel, granularity, period_start, period_end,
       retail_week, units, revenue, price_paid, regular_price, feature, display, tpr, content_hash, ingest_id)
     VALUES (?, NULL, ?, 'US', ?, 'store', 'week', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'h', 0)`,
  );
  const num = (s: string | undefined) => (s ? Number(s) : null);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  conn.transaction(() => {
    for (const c of rows)
      st.run(
        "raw",
        c[2],
        c[1],
        c[0],
        c[0],
        c[0],
        num(c[3]),
        num(c[6]),
        num(c[7]),
        num(c[8]),
        num(c[9]),
        num(c[10]),
        num(c[11]),
      );
  })();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  conn.close();
  return { rows: rows.length, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** The export with its weeks repeated `copies` times, shifted by whole years, for the memory check. */
async function enlarged(srcDir: string, dstDir: string, copies: number): Promise<void> {
  for (const f of ["products.csv", "stores.csv"]) copyFileSync(join(srcDir, f), join(dstDir, f));
  const out = createWriteStream(join(dstDir, "transactions.csv"));
  for (let c = 0; c < copies; c++) {
    let first = true;
    for await (const r of createReadStream(join(srcDir, "transactions.csv")).pipe(parse())) {
      const rec = r as string[];
      if (first) {
        first = false;
        if (c === 0) out.write(`${rec.join(",")}\n`);
        continue;
      }
      // 364 days keep the Wednesday week ends on Wednesdays.
      const d = new Date(`${rec[0]}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 364 * 3 * c);
      rec[0] = d.toISOString().slice(0, 10);
      if (!out.write(`${rec.join(",")}\n`)) await once(out, "drain");
    }
  }
  out.end();
  await once(out, "finish");
}

/** Ingestion throughput against the raw-insert floor, and peak memory on 1× and 4× the file. */
export async function benchIngest(dataDir: string): Promise<Record<string, number>> {
  const work = mkdtempSync(join(tmpdir(), "autopromo-bench-"));
  try {
    const raw = await rawInsert(join(dataDir, "transactions.csv"), join(work, "raw.db"));
    const ours = runChild(dataDir, join(work, "ours.db"));
    const bigDir = mkdtempSync(join(work, "big-"));
    await enlarged(dataDir, bigDir, 4);
    const big = runChild(bigDir, join(work, "big.db"));
    return {
      "ingest.rows": ours.rows,
      "ingest.rows_per_s": Math.round(ours.rows / ours.seconds),
      "raw_insert.rows_per_s": Math.round(raw.rows / raw.seconds),
      "ingest_vs_raw.ratio": round(ours.rows / ours.seconds / (raw.rows / raw.seconds)),
      // CPU seconds are less at the mercy of other load than wall time; the ingest's count both its threads.
      "ingest.cpu_s": round(ours.cpuSeconds),
      "raw_insert.cpu_s": round(raw.cpuSeconds),
      "ingest.peak_rss_mb": Math.round(ours.peakRssMb),
      "ingest_4x.rows": big.rows,
      "ingest_4x.rows_per_s": Math.round(big.rows / big.seconds),
      "ingest_4x.peak_rss_mb": Math.round(big.peakRssMb),
      "peak_rss_4x_vs_1x.ratio": round(big.peakRssMb / ours.peakRssMb),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
