import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type IngestReport } from "../../src/store/index.js";
import { finished, lastJson, printed, sleep, startScript } from "./support/child.js";
import { seedGeneratedCatalog, writeSalesCsv, type GeneratedCatalog } from "./support/generated.js";

// A SIGKILL can land anywhere in an ingest — parsing, mid-transaction, during COMMIT — and the
// store must hold all of that ingest or none of it; re-running it must store each record once.
const CATALOG: GeneratedCatalog = { skus: 20, stores: 10 };
const ROWS = 60_000;
const KILLS = Number(process.env.CRASH_KILLS ?? 6);
const SEED = Number(process.env.CRASH_SEED ?? 7);

let work: string;
let db: string;
let file: string;
let pristine: string;

function restorePristine(): void {
  for (const ext of ["-wal", "-shm"]) rmSync(db + ext, { force: true });
  copyFileSync(pristine, db);
}

/** Deterministic kill moments (mulberry32), so a failure can be replayed with CRASH_SEED. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function counts(path: string) {
  const conn = openDb(path);
  try {
    const one = (sql: string) => (conn.prepare(sql).get() as { n: number }).n;
    return {
      sales: one("SELECT count(*) AS n FROM sales"),
      distinctKeys: one(
        "SELECT count(*) AS n FROM (SELECT DISTINCT sku, market_id, location_id, channel, granularity, period_start FROM sales)",
      ),
      salesIngests: one("SELECT count(*) AS n FROM ingests WHERE kind = 'sales'"),
      unfinished: one("SELECT count(*) AS n FROM ingests WHERE finished_at IS NULL"),
    };
  } finally {
    conn.close();
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "autopromo-crash-"));
  db = join(work, "store.db");
  const conn = openDb(db);
  await seedGeneratedCatalog(conn, CATALOG);
  conn.close();
  pristine = join(work, "pristine.db");
  copyFileSync(db, pristine);
  file = join(work, "sales.csv");
  await writeSalesCsv(file, 0, ROWS, CATALOG);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("an ingest killed with SIGKILL", () => {
  it("leaves all or nothing, and a re-run stores each record exactly once", async () => {
    // Calibrate on a copy: kill moments are spread over the real length of an ingest.
    const probe = join(work, "probe.db");
    copyFileSync(db, probe);
    const t0 = performance.now();
    const calib = await finished(startScript("ingest.ts", [probe, "sales", file]));
    const duration = performance.now() - t0;
    expect(lastJson<{ report: IngestReport }>(calib.stdout).report.stored).toBe(ROWS);

    const rnd = random(SEED);
    const outcomes: string[] = [];
    for (let k = 0; k < KILLS; k++) {
      const child = startScript("ingest.ts", [db, "sales", file]);
      const done = finished(child);
      await printed(child, "ready");
      const at = Math.round(rnd() * duration);
      await sleep(at);
      child.kill("SIGKILL");
      const r = await done;
      const c = counts(db);
      outcomes.push(`${at} ms: ${r.signal ?? `exit ${r.code}`}, ${c.sales} rows`);
      expect([0, ROWS], `kill ${k} at ${at} ms (seed ${SEED})`).toContain(c.sales);
      expect(c.unfinished).toBe(0);
      // Committed before the kill: start the next kill point from the empty store again.
      if (c.sales === ROWS) restorePristine();
    }
    const rerun = lastJson<{ ok: boolean; report: IngestReport }>(
      (await finished(startScript("ingest.ts", [db, "sales", file]))).stdout,
    );
    const after = counts(db);
    const storedOnce = after.sales === ROWS && after.distinctKeys === ROWS;
    console.log(
      `crash-ingest: kill points tried ${outcomes.length} [${outcomes.join("; ")}], rows ${ROWS}, after re-run ${after.sales} stored ` +
        `(duplicates ${after.sales - after.distinctKeys}, losses ${ROWS - after.distinctKeys}), re-run report stored ${rerun.report.stored} duplicates ${rerun.report.duplicates}, seed ${SEED}`,
    );
    expect(rerun.ok).toBe(true);
    expect(rerun.report.stored + rerun.report.duplicates).toBe(ROWS);
    expect(storedOnce).toBe(true);
  });
});
