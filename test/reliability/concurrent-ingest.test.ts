import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type IngestReport } from "../../src/store/index.js";
import { finished, lastJson, sleep, startScript } from "./support/child.js";
import { seedGeneratedCatalog, writeSalesCsv, type GeneratedCatalog } from "./support/generated.js";

// Several processes ingesting overlapping files into one WAL database: each record stored once,
// none lost, and a process that finds the database busy waits its turn instead of failing.
const CATALOG: GeneratedCatalog = { skus: 20, stores: 10 };

type Outcome =
  { ok: true; report: IngestReport } | { ok: false; name: string; code: string; message: string };

let work: string;
beforeAll(() => void (work = mkdtempSync(join(tmpdir(), "autopromo-concurrent-"))));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Ingests the ranges at the same moment, one process each; returns outcomes and the union of rows. */
async function race(name: string, ranges: [number, number][]) {
  const db = join(work, `${name}.db`);
  const conn = openDb(db);
  await seedGeneratedCatalog(conn, CATALOG);
  conn.close();
  const files = await Promise.all(
    ranges.map(async ([a, b], i) => {
      const f = join(work, `${name}-${i}.csv`);
      await writeSalesCsv(f, a, b, CATALOG);
      return f;
    }),
  );
  const outcomes = (
    await Promise.all(files.map((f) => finished(startScript("ingest.ts", [db, "sales", f]))))
  ).map((r) => lastJson<Outcome>(r.stdout));
  const check = openDb(db);
  const stored = (check.prepare("SELECT count(*) AS n FROM sales").get() as { n: number }).n;
  const distinct = (
    check
      .prepare(
        "SELECT count(*) AS n FROM (SELECT DISTINCT sku, location_id, period_start FROM sales)",
      )
      .get() as { n: number }
  ).n;
  check.close();
  const union = Math.max(...ranges.map((r) => r[1])) - Math.min(...ranges.map((r) => r[0]));
  const failed = outcomes.filter((o) => !o.ok);
  console.log(
    `concurrent-ingest ${name}: processes ${ranges.length}, records ${union}, stored ${stored}, duplicates ${stored - distinct}, losses ${union - distinct}, ` +
      `failed ${failed.length}${failed.length ? ` (${failed.map((f) => `${f.code}: ${f.message}`).join("; ")})` : ""}`,
  );
  return { outcomes, stored, distinct, union };
}

describe("concurrent ingests into one database", () => {
  it("three processes with overlapping files of short ingests store each record once", async () => {
    const r = await race("short", [
      [0, 20_000],
      [10_000, 30_000],
      [5_000, 25_000],
    ]);
    expect(r.outcomes.map((o) => o.ok)).toEqual([true, true, true]);
    expect([r.stored, r.distinct]).toEqual([r.union, r.union]);
    const reports = r.outcomes.flatMap((o) => (o.ok ? [o.report] : []));
    expect(reports.reduce((s, x) => s + x.stored, 0)).toBe(r.union);
  });

  // Fixed bug (regression test): storePrepared (src/store/ingest/ingest.ts:47) holds BEGIN IMMEDIATE for the
  // whole stream and openDb sets busy_timeout = 5000 (src/store/db.ts:28), so a process that
  // finds another ingest holding the write lock for more than 5 s (a few hundred thousand rows)
  // fails with SQLITE_BUSY "database is locked" instead of waiting or retrying; its rows are lost
  // to the caller. Reproduced deterministically: this test holds the write lock for 7 s, as a
  // long ingest would, while a child ingests 1,000 rows. Expected: the child waits and succeeds.
  it("a process waiting behind a write lock held longer than busy_timeout waits instead of failing", async () => {
    const db = join(work, "locked.db");
    const conn = openDb(db);
    await seedGeneratedCatalog(conn, CATALOG);
    const file = join(work, "locked.csv");
    await writeSalesCsv(file, 0, 1_000, CATALOG);
    conn.exec("BEGIN IMMEDIATE");
    const child = finished(startScript("ingest.ts", [db, "sales", file]));
    await sleep(7_000);
    conn.exec("ROLLBACK");
    conn.close();
    const outcome = lastJson<Outcome>((await child).stdout);
    console.log(
      `concurrent-ingest lock held 7 s: ${outcome.ok ? `stored ${outcome.report.stored}` : `failed ${outcome.code}: ${outcome.message}`}`,
    );
    expect(outcome.ok).toBe(true);
  });
});
