import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import {
  POSTGRES_SKIP_MESSAGE,
  describePostgres,
  postgresPlan,
  postgresSource,
} from "./postgres.js";

/** The name of the database `url` connects to, asked of the server. */
async function currentDatabase(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>("SELECT current_database() AS name");
    return rows[0]!.name;
  } finally {
    await client.end();
  }
}

describe("where a test file's PostgreSQL comes from", () => {
  it("takes the cluster AUTOPROMO_TEST_DATABASE_URL names first", () => {
    const url = "postgres://u@127.0.0.1:5999/x";
    expect(postgresSource({ AUTOPROMO_TEST_DATABASE_URL: ` ${url} ` })).toEqual({
      kind: "url",
      url,
    });
  });

  it("skips on a laptop without PostgreSQL, and fails in CI instead", () => {
    const none = { kind: "none" } as const;
    expect(postgresPlan(none, {})).toEqual({ kind: "skip", reason: POSTGRES_SKIP_MESSAGE });
    expect(POSTGRES_SKIP_MESSAGE).toBe(
      "PostgreSQL tests skipped: set AUTOPROMO_TEST_DATABASE_URL or install postgresql",
    );
    expect(postgresPlan(none, { CI: "true" }).kind).toBe("fail");
    expect(postgresPlan(none, { AUTOPROMO_REQUIRE_POSTGRES: "1" }).kind).toBe("fail");
    const url = { kind: "url", url: "postgres://x" } as const;
    expect(postgresPlan(url, { CI: "true" })).toEqual({ kind: "run", source: url });
  });
});

// Without a URL the helper starts a cluster of its own (when the binaries are installed).
const withoutUrl = { ...process.env, AUTOPROMO_TEST_DATABASE_URL: "" };
describePostgres(
  "a file's own cluster",
  (db) => {
    it("gives the file a fresh database on a cluster it started", async () => {
      expect(db.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/autopromo_t_[0-9a-f]{12}$/);
      expect(await currentDatabase(db.url)).toBe(new URL(db.url).pathname.slice(1));
    });
  },
  withoutUrl,
);

// On a shared cluster each file's database is dropped after its tests.
const shared = process.env.AUTOPROMO_TEST_DATABASE_URL;
const used: string[] = [];
describePostgres("a file's database on the shared cluster", (db) => {
  it("is its own, not the cluster's", async () => {
    const name = await currentDatabase(db.url);
    expect(name).toMatch(/^autopromo_t_[0-9a-f]{12}$/);
    used.push(name);
  });
});
afterAll(async () => {
  if (!shared || used.length === 0) return;
  const client = new pg.Client({ connectionString: shared });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT 1 FROM pg_database WHERE datname = ANY($1)", [
      used,
    ]);
    expect(rows).toEqual([]);
  } finally {
    await client.end();
  }
});
