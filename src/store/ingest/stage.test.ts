import { hostname } from "node:os";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scratchDir } from "../../../test/helpers.js";
import { openDb, type Db } from "../db.js";
import { factsVersion } from "../versions.js";
import { ingestRecords, STAGE_ROWS } from "./ingest.js";
import type { SourceRecord } from "./readers.js";

let db: Db;
let tmp: ReturnType<typeof scratchDir>;
const now = () => new Date("2030-01-01T00:00:00Z");
const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

async function load(
  kind: string,
  rows: Record<string, unknown>[],
  extra: { originSha256?: string } = {},
) {
  const records: SourceRecord[] = rows.map((values, i) => ({ line: i + 2, values }));
  const batches = Array.from({ length: Math.ceil(records.length / 1_000) }, (_, b) =>
    records.slice(b * 1_000, (b + 1) * 1_000),
  );
  return ingestRecords(db, batches, { kind, source: "pos", origin: `test:${kind}`, now, ...extra });
}

/** Daily sales of SKU A1 at B1 from 2000-01-01: `n` rows with distinct keys, units `units(i)`. */
function sales(n: number, units: (i: number) => number = (i) => i % 7) {
  return Array.from({ length: n }, (_, i) => ({
    sku: "A1",
    location: "B1",
    date: new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    units: units(i),
    pricePaid: 2.5,
  }));
}

beforeEach(async () => {
  tmp = scratchDir();
  db = openDb(`${tmp.dir}/t.db`);
  await load("market", [
    {
      id: "DE",
      region: "Germany",
      currency: "EUR",
      timeZone: "Europe/Berlin",
      weekEndsOn: "saturday",
    },
  ]);
  await load("location", [{ id: "B1", marketId: "DE" }]);
  await load("product", [{ sku: "A1", name: "Oats", category: "CEREAL" }]);
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

describe("a staged (bulk) ingest", () => {
  const N = STAGE_ROWS * 2 + 500;

  it("counts new, duplicate, corrected and quarantined rows as a row-by-row ingest does", async () => {
    const first = await load("sales", sales(N));
    expect(first).toMatchObject({
      rowsRead: N,
      stored: N,
      duplicates: 0,
      corrected: 0,
      quarantined: 0,
    });
    // Half of them again with other units (corrections), one bad row, and 100 new days.
    const next = sales(N + 100, (i) => (i % 2 ? 100 + i : i % 7));
    next[3] = { ...next[3]!, units: -1 };
    const second = await load("sales", next);
    const changed = Math.floor(N / 2);
    expect(second).toMatchObject({
      rowsRead: N + 100,
      stored: 100,
      quarantined: 1,
      corrected: changed - 1,
      duplicates: N - changed,
    });
    expect(one("SELECT count(*) AS n FROM sales")).toBe(N + 100);
    expect(one("SELECT count(*) AS n FROM fact_history")).toBe(second.corrected);
    expect(
      one("SELECT (SELECT count(*) FROM stage_sales) + (SELECT count(*) FROM ingest_stages) AS n"),
    ).toBe(0);
  });

  it("applies corrections within one file in input order (the last row of a key wins)", async () => {
    const rows = sales(N);
    const twice = [
      ...rows,
      { ...rows[0]!, units: 40 },
      { ...rows[0]!, units: 41 },
      { ...rows[1]! },
    ];
    const r = await load("sales", twice);
    expect(r).toMatchObject({ stored: N, corrected: 2, duplicates: 1 });
    expect(one("SELECT units AS n FROM sales WHERE period_start = '2000-01-01'")).toBe(41);
  });

  it("quarantines future-dated rows of a staged input", async () => {
    const rows = sales(N);
    rows[10] = { ...rows[10]!, date: "2099-12-30" };
    const r = await load("sales", rows);
    expect(r).toMatchObject({ stored: N - 1, quarantined: 1 });
    expect(r.rejections[0]).toMatchObject({ line: 12, field: "period_end" });
  });

  it("adopts the stage a killed ingest of the same input left, and sweeps others' leftovers", async () => {
    const sha = "f".repeat(64);
    const dead = `${hostname()}:2147483646`;
    // What a SIGKILL mid-staging leaves: a stage of this input and one of another, owned by a dead process.
    const stage = (file: string, started: string) =>
      Number(
        db
          .prepare(
            `INSERT INTO ingest_stages (kind, origin, file_sha256, source, catalog_version, owner, started_at, heartbeat_at)
        VALUES ('sales', 'test:sales', ?, 'pos', ?, ?, ?, ?)`,
          )
          .run(file, factsVersion(db, []), dead, started, started).lastInsertRowid,
      );
    await load("sales", sales(STAGE_ROWS + 1)); // creates stage_sales
    db.exec("DELETE FROM sales; DELETE FROM ingests WHERE kind = 'sales'");
    const mine = stage(sha, "2029-12-31T00:00:00.000Z");
    const other = stage("e".repeat(64), "2029-12-31T00:00:00.000Z");
    const insert = db.prepare(
      "INSERT INTO stage_sales (stage_id, seq, line, reject_reason, reject_raw) VALUES (?, ?, ?, 'x', 'x')",
    );
    for (let i = 0; i < 10; i++) insert.run(other, i, i + 2);
    const r = await load("sales", sales(N), { originSha256: sha });
    expect(r).toMatchObject({ stored: N, rowsRead: N });
    const started = db
      .prepare("SELECT started_at AS s FROM ingests WHERE id = ?")
      .get(r.ingestId) as { s: string };
    expect(started.s).toBe("2029-12-31T00:00:00.000Z"); // the adopted stage's
    expect(mine).not.toBe(other);
    expect(
      one("SELECT (SELECT count(*) FROM stage_sales) + (SELECT count(*) FROM ingest_stages) AS n"),
    ).toBe(0);
  });
});
