import { afterAll, beforeAll, expect, it } from "vitest";
import { describePostgres } from "../../../test/support/postgres.js";
import { MIGRATIONS } from "../migrations/index.js";
import { openDb, type Db } from "../db.js";
import { PG_MIGRATIONS } from "./migrations/index.js";
import { openPostgres, type PostgresStore } from "./open.js";
import { affinity, schemaDifferences } from "./parity.js";

// The Postgres schema holds the SQLite one: every table, column (compatible type, same NOT
// NULL) and unique key, read from both catalogs. A migration added to one side alone fails it.

it("pairs every SQLite migration with a Postgres one of the same version and name", () => {
  const names = (ms: readonly { version: number; name: string }[]) =>
    ms.map((m) => `${m.version} ${m.name}`);
  expect(names(PG_MIGRATIONS)).toEqual(names(MIGRATIONS));
});

it("reads SQLite's type affinity as SQLite does", () => {
  expect(
    ["INTEGER", "BIGINT", "TEXT", "VARCHAR(9)", "BLOB", "", "REAL", "DOUBLE", "DECIMAL"].map(
      affinity,
    ),
  ).toEqual(["integer", "integer", "text", "text", "blob", "blob", "real", "real", "numeric"]);
});

describePostgres("the Postgres schema", (pgdb) => {
  let sqlite: Db;
  let store: PostgresStore;
  beforeAll(async () => {
    sqlite = openDb(":memory:");
    store = await openPostgres(pgdb.url, { schema: "parity" });
  }, 60_000);
  afterAll(async () => {
    sqlite?.close();
    await store?.close();
  });

  it("migrates a fresh schema once when several processes open it at once", async () => {
    const stores = await Promise.all(
      [1, 2, 3, 4].map(() => openPostgres(pgdb.url, { schema: "race" })),
    );
    try {
      const { rows } = await stores[0]!.pool.query<{ n: number; v: number }>(
        "SELECT count(*) AS n, max(version) AS v FROM schema_migrations",
      );
      expect(rows[0]).toEqual({ n: PG_MIGRATIONS.length, v: PG_MIGRATIONS.at(-1)!.version });
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it("refuses a repeated launch key, a second pending plan, an audit edit", async () => {
    const c = await store.pool.connect();
    const fails = async (sql: string, why: RegExp) => {
      await c.query("SAVEPOINT s");
      await expect(c.query(sql)).rejects.toThrow(why);
      await c.query("ROLLBACK TO SAVEPOINT s");
    };
    try {
      await c.query("BEGIN");
      const outbox = `INSERT INTO outbox (campaign_id, campaign_version, batch, channel, op,
          idempotency_key, payload, status, autonomous, requested_by, reason, next_attempt_at,
          created_at) VALUES ('c', 1, 'b', 'web', 'launch', 'k-1', '{}', 'pending', 1, 'x', 'y',
          'now', 'now')`;
      await c.query(outbox);
      await fails(outbox, /outbox_idempotency_key_key/);
      const request = (id: string) => `INSERT INTO approval_requests (id, proposal_id, proposal,
          policy_version, verdict, all_of, any_of, status, created_at, deadline_at, category,
          market) VALUES ('${id}', 'p', '{}', 'v', 'escalate', '[]', '[]', 'pending', 'now',
          'later', 'frozen', 'UK')`;
      await c.query(request("apr-1"));
      await fails(request("apr-2"), /approval_requests_one_pending_plan/);
      await c.query(`INSERT INTO audit_log (at, token_id, actor, role, method, route, status,
          body_sha256, prev_hash, hash)
          VALUES ('now', 't', 'a', 'r', 'POST', '/x', 200, 'b', 'p', 'h')`);
      await fails("UPDATE audit_log SET actor = 'someone else'", /audit_log is append-only/);
      await fails("DELETE FROM audit_log", /audit_log is append-only/);
    } finally {
      await c.query("ROLLBACK");
      c.release();
    }
  });

  it("has every SQLite table, column and unique key", async () => {
    expect(await schemaDifferences(sqlite, store.pool, "parity")).toEqual([]);
  });

  it("names what a migration added to SQLite alone changed", async () => {
    const drifted = openDb(":memory:");
    try {
      drifted.exec(`
        ALTER TABLE outbox ADD COLUMN channel_ref TEXT;
        ALTER TABLE decisions ADD COLUMN score REAL NOT NULL DEFAULT 0;
        CREATE TABLE later_table (id INTEGER PRIMARY KEY, key TEXT NOT NULL);
        CREATE UNIQUE INDEX campaign_edits_once
          ON campaign_edits(campaign_id, ifnull(approval_request_id, ''))
          WHERE status = 'awaiting_approval';
        INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'later', 'now');`);
      expect(await schemaDifferences(drifted, store.pool, "parity")).toEqual([
        "unique key campaign_edits_once (campaign_id, approval_request_id) where status: " +
          "no Postgres counterpart",
        "column decisions.score: missing in Postgres",
        "table later_table: missing in Postgres",
        "column outbox.channel_ref: missing in Postgres",
        "migration 99: not in Postgres",
      ]);
    } finally {
      drifted.close();
    }
  });

  it("names a column of another type, a lost NOT NULL, a dropped unique key", async () => {
    const c = await store.pool.connect();
    try {
      await c.query("BEGIN");
      await c.query(`SET LOCAL search_path TO parity`);
      await c.query("ALTER TABLE sales ALTER COLUMN units TYPE text");
      await c.query("ALTER TABLE decisions ALTER COLUMN record DROP NOT NULL");
      await c.query("ALTER TABLE outbox DROP CONSTRAINT outbox_idempotency_key_key");
      await c.query("DROP INDEX approval_requests_one_pending_plan");
      const diff = await schemaDifferences(sqlite, c, "parity");
      expect(diff).toEqual(
        expect.arrayContaining([
          "column sales.units: SQLite REAL vs Postgres text",
          "column decisions.record: NOT NULL in SQLite only",
          "unique key sqlite_autoindex_outbox_1 (idempotency_key): no Postgres counterpart",
          "unique key approval_requests_one_pending_plan (category, market) " +
            "where category+status: no Postgres counterpart",
        ]),
      );
      expect(diff).toHaveLength(4);
    } finally {
      await c.query("ROLLBACK");
      c.release();
    }
  });
});
