import pg from "pg";
import { describe, expect, it } from "vitest";
import { describePostgres } from "../../test/support/postgres.js";
import { isAutopromoError } from "../errors.js";
import { postgresCheckpointer } from "./postgres.js";

const config = { configurable: { thread_id: "t1", checkpoint_ns: "" } };

/** The error a promise rejects with. */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.fail("expected a rejection"),
    (e: unknown) => e,
  );
}

describe("postgresCheckpointer's input", () => {
  it("refuses a connection string that is not postgres://, naming the field", async () => {
    const e = await rejection(postgresCheckpointer("mysql://localhost/x"));
    expect(isAutopromoError(e) && e.code).toBe("CONFIG_ERROR");
    expect((e as Error).message).toMatch(/^postgresCheckpointer: url: .*postgres:\/\//);
  });

  it("refuses a schema that is not a plain identifier", async () => {
    const e = await rejection(
      postgresCheckpointer("postgres://localhost/x", { schema: 'a"; DROP TABLE x; --' }),
    );
    expect(isAutopromoError(e) && e.code).toBe("CONFIG_ERROR");
    expect((e as Error).message).toMatch(/options\.schema: a plain SQL identifier/);
  });

  it("says which schema it could not set up when the server is unreachable", async () => {
    const e = await rejection(postgresCheckpointer("postgres://nobody@127.0.0.1:1/none"));
    expect(isAutopromoError(e) && e.code).toBe("CHECKPOINT_FAILED");
    expect((e as Error).message).toMatch(/could not set up schema "public"/);
  });
});

describePostgres("postgresCheckpointer on a cluster", (db) => {
  it("sets up a fresh schema from several savers at once (workers starting together)", async () => {
    // LangGraph's setup() alone, four at once, fails most times: both see no tables.
    for (let round = 0; round < 3; round++) {
      const schema = `together_${round}`;
      const savers = await Promise.all(
        Array.from({ length: 4 }, () => postgresCheckpointer(db.url, { schema })),
      );
      await Promise.all(savers.map((s) => s.end()));
    }
  });

  it("shares a pool it is given, and stores what a later saver reads back", async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 3 });
    const first = await postgresCheckpointer(pool, { schema: "shared" });
    const checkpoint = {
      v: 4,
      id: "1ef0000-0000-6000-8000-000000000001",
      ts: "2026-11-23T12:00:00.000Z",
      channel_values: { status: "running" },
      channel_versions: { status: 1 },
      versions_seen: {},
    };
    await first.put(config, checkpoint, { source: "input", step: -1, parents: {} }, { status: 1 });
    expect((await pool.query("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
    await first.end();

    const later = await postgresCheckpointer(db.url, { schema: "shared" });
    try {
      const tuple = await later.getTuple(config);
      expect(tuple?.checkpoint.channel_values).toEqual({ status: "running" });
    } finally {
      await later.end();
    }
  });
});
