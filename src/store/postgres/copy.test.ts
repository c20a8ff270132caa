import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describePostgres } from "../../../test/support/postgres.js";
import { fixedClock } from "../../domain/index.js";
import { createPromotionGraph, getDecision, listDecisions, runCycle } from "../../graph/index.js";
import { DEMO_NOW, demoDb } from "../../graph/testing/demo-db.js";
import { loadPolicy } from "../../policies/index.js";
import { openDb, type Db } from "../db.js";
import { copySqliteToPostgres, type CopyReport } from "./copy.js";
import { decisionReaderOn, postgresDecisionReader } from "./decision-reader.js";
import { openPostgres, type PostgresStore } from "./open.js";
import { sqliteDecisionReader } from "./sqlite-decision-reader.js";

// Issue #31's done-when: the demo database, after a full cycle, moves to Postgres whole and
// every decision record reads back identical; a refused or failed copy writes nothing.

let dir: string;
let path: string;
let db: Db;
let ids: string[];

beforeAll(async () => {
  ({ dir, path, db } = await demoDb());
  const clock = fixedClock(DEMO_NOW);
  const graph = createPromotionGraph({ db, clock, policy: loadPolicy() });
  await runCycle({ graph, db, clock });
  ids = (db.prepare("SELECT id FROM decisions ORDER BY id").all() as { id: string }[]).map(
    (r) => r.id,
  );
}, 120_000);
afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Rows per table in SQLite, for the tables a copy reports. */
const sqliteCounts = (r: CopyReport) =>
  r.tables.map((t) => {
    const q = `SELECT count(*) AS n FROM "${t.table}"`;
    return { table: t.table, rows: (db.prepare(q).get() as { n: number }).n };
  });

describePostgres("the demo store moved to Postgres", (pg) => {
  let store: PostgresStore;
  let first: CopyReport;
  beforeAll(async () => {
    store = await openPostgres(pg.url, { schema: "demo" });
    first = await copySqliteToPostgres(db, store);
  }, 120_000);
  afterAll(() => store?.close());

  it("copies every table, each with its row count", () => {
    expect(ids.length).toBeGreaterThan(10);
    expect(first.tables.map(({ table, rows }) => ({ table, rows }))).toEqual(sqliteCounts(first));
    const names = first.tables.map((t) => t.table);
    // Parents before the tables that reference them.
    expect(names.indexOf("decisions")).toBeLessThan(names.indexOf("campaigns"));
    expect(names.indexOf("outbox")).toBeLessThan(names.indexOf("channel_deliveries"));
    expect(names).not.toContain("schema_migrations");
    expect(first.skipped.every((s) => s.table.startsWith("stage_"))).toBe(true);
  });

  it("reads every decision record back identical", async () => {
    const lite = sqliteDecisionReader(db);
    const pgr = postgresDecisionReader(store);
    for (const id of ids) {
      const want = await lite.get(id);
      expect(await pgr.get(id)).toEqual(want);
      expect(await pgr.get(id.slice(-6))).toEqual(want);
      expect(await pgr.get(id.slice(0, -3).toUpperCase())).toEqual(
        getDecision(db, id.slice(0, -3)),
      );
    }
    expect(await pgr.list(1_000)).toEqual(listDecisions(db, 1_000));
    expect(await pgr.list(3)).toEqual(listDecisions(db, 3));
    await expect(pgr.get("no-such-decision")).rejects.toThrow(/no decision no-such-decision/);
  });

  it("runs the one SQL on SQLite as getDecision does", async () => {
    const sameSql = decisionReaderOn(async (sql, params) => db.prepare(sql).all(...params) as []);
    for (const id of ids.slice(0, 5))
      expect(await sameSql.get(id.slice(-7))).toEqual(getDecision(db, id.slice(-7)));
    expect(await sameSql.list(1_000)).toEqual(listDecisions(db, 1_000));
  });

  it("advances identity columns past the copied ids", async () => {
    const max = (db.prepare("SELECT max(id) AS m FROM campaign_events").get() as { m: number }).m;
    const c = await store.pool.connect();
    try {
      await c.query("BEGIN");
      const { rows } = await c.query<{ id: number }>(
        `INSERT INTO campaign_events (campaign_id, version, to_status, at, by, reason)
         VALUES ('c-x', 1, 'live', 'now', 'test', 'identity') RETURNING id`,
      );
      expect(rows[0]!.id).toBe(max + 1);
    } finally {
      await c.query("ROLLBACK");
      c.release();
    }
  });

  it("refuses a target holding rows, naming them", async () => {
    await expect(copySqliteToPostgres(db, store)).rejects.toThrow(
      /schema "demo" already holds rows \(.*decisions.*\); pass --replace/,
    );
  });

  it("writes nothing when a row cannot move, naming its table, row and column", async () => {
    const bad = join(dir, "bad.db");
    db.pragma("wal_checkpoint(TRUNCATE)");
    copyFileSync(path, bad);
    const broken = openDb(bad);
    try {
      broken
        .prepare("UPDATE outbox SET attempts = 1.5 WHERE id = (SELECT max(id) FROM outbox)")
        .run();
      await expect(copySqliteToPostgres(broken, store, { replace: true })).rejects.toThrow(
        /outbox, row \d+, column attempts: 1\.5 is not an integer/,
      );
      broken.prepare("UPDATE outbox SET attempts = 1").run();
      // Refused by Postgres rather than by the copy: text in a REAL column.
      const last = "(SELECT max(id) FROM competitor_prices)";
      broken.prepare(`UPDATE competitor_prices SET price = 'many' WHERE id = ${last}`).run();
      await expect(copySqliteToPostgres(broken, store, { replace: true })).rejects.toThrow(
        /competitor_prices, rows \d+–\d+: invalid input syntax for type double precision: "many"/,
      );
    } finally {
      broken.close();
    }
    const { rows } = await store.pool.query<{ n: number }>("SELECT count(*) AS n FROM decisions");
    expect(rows[0]!.n).toBe(ids.length);
    expect(await postgresDecisionReader(store).list(1_000)).toEqual(listDecisions(db, 1_000));
  });
});
