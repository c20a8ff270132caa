import { execFile, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, it } from "vitest";

// Each test file that needs PostgreSQL gets a database of its own on one cluster: the one
// AUTOPROMO_TEST_DATABASE_URL names (CI starts it in .ci/run), else one this file starts with
// scripts/pg-test-cluster.sh when the binaries are installed. Without either the tests are
// skipped on a developer's machine and fail in CI (CI=true, or AUTOPROMO_REQUIRE_POSTGRES=1 as
// .ci/run sets), which must run them.

const SCRIPT = join(import.meta.dirname, "../../scripts/pg-test-cluster.sh");
const run = promisify(execFile);

/** Why a file's PostgreSQL tests did not run, as the test output shows it. */
export const POSTGRES_SKIP_MESSAGE =
  "PostgreSQL tests skipped: set AUTOPROMO_TEST_DATABASE_URL or install postgresql";

/** Where a test file's PostgreSQL comes from, decided when the file is collected. */
export type PostgresSource =
  { kind: "url"; url: string } | { kind: "binaries"; bindir: string } | { kind: "none" };

/** A PostgreSQL cluster was needed (in CI) and none could be had. */
export class PostgresUnavailableError extends Error {
  override readonly name = "PostgresUnavailableError";
}

/** The source `env` offers: a cluster's URL, the binaries to start one, or nothing. */
export function postgresSource(env: NodeJS.ProcessEnv = process.env): PostgresSource {
  const url = env.AUTOPROMO_TEST_DATABASE_URL?.trim();
  if (url) return { kind: "url", url };
  const probe = spawnSync("bash", [SCRIPT, "bindir"], { encoding: "utf8", env });
  const bindir = probe.stdout?.trim();
  return probe.status === 0 && bindir ? { kind: "binaries", bindir } : { kind: "none" };
}

/** A test file's own database, fresh before its tests and dropped after them. */
export interface TestDatabase {
  /** Its connection string (read it inside tests or hooks: it is set by `beforeAll`). */
  readonly url: string;
}

/** The `export NAME='value'` lines scripts/pg-test-cluster.sh start prints, as a map. */
function parseExports(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of stdout.matchAll(/^export (\w+)='([^']*)'$/gm)) out[m[1]!] = m[2]!;
  return out;
}

/** The same server's URL naming another database. */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs one statement on the cluster's maintenance connection (`url`'s own database). */
async function onCluster(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** What one describe block holds while its tests run: the cluster it started, its database. */
interface Held {
  url?: string;
  clusterUrl?: string;
  startedDir?: string;
  database?: string;
}

async function setUp(source: Exclude<PostgresSource, { kind: "none" }>, held: Held): Promise<void> {
  if (source.kind === "url") held.clusterUrl = source.url;
  else {
    const { stdout } = await run("bash", [SCRIPT, "start"], { encoding: "utf8" });
    const vars = parseExports(stdout);
    held.startedDir = vars.AUTOPROMO_PG_TEST_CLUSTER;
    held.clusterUrl = vars.AUTOPROMO_TEST_DATABASE_URL;
    if (!held.clusterUrl) throw new PostgresUnavailableError(`pg-test-cluster.sh: ${stdout}`);
  }
  held.database = `autopromo_t_${randomBytes(6).toString("hex")}`;
  await onCluster(held.clusterUrl, `CREATE DATABASE ${held.database}`);
  held.url = withDatabase(held.clusterUrl, held.database);
}

async function tearDown(held: Held): Promise<void> {
  try {
    if (held.clusterUrl && held.database && !held.startedDir)
      await onCluster(held.clusterUrl, `DROP DATABASE IF EXISTS ${held.database} WITH (FORCE)`);
  } finally {
    // A cluster this file started goes whole, its databases with it.
    if (held.startedDir) await run("bash", [SCRIPT, "stop", held.startedDir]);
  }
}

/** What a file does about PostgreSQL: run on `source`, skip, or fail (CI must not skip). */
export type PostgresPlan =
  | { kind: "run"; source: Exclude<PostgresSource, { kind: "none" }> }
  | { kind: "skip"; reason: string }
  | { kind: "fail"; reason: string };

/** The plan for `source` under `env`: without a cluster, CI fails where a laptop skips. */
export function postgresPlan(source: PostgresSource, env: NodeJS.ProcessEnv): PostgresPlan {
  if (source.kind !== "none") return { kind: "run", source };
  if (env.CI === "true" || env.AUTOPROMO_REQUIRE_POSTGRES === "1")
    return {
      kind: "fail",
      reason:
        "CI must run the PostgreSQL tests: set AUTOPROMO_TEST_DATABASE_URL " +
        "(.ci/run starts a cluster with scripts/pg-test-cluster.sh) or install postgresql",
    };
  return { kind: "skip", reason: POSTGRES_SKIP_MESSAGE };
}

/**
 * Declares `name`'s tests on a fresh PostgreSQL database of their own (see {@link TestDatabase});
 * skipped with {@link POSTGRES_SKIP_MESSAGE} when no cluster can be had, failed instead in CI
 * (`CI=true` or `AUTOPROMO_REQUIRE_POSTGRES=1`).
 */
export function describePostgres(
  name: string,
  body: (db: TestDatabase) => void,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const plan = postgresPlan(postgresSource(env), env);
  if (plan.kind === "fail") {
    describe(name, () => {
      it("has a PostgreSQL cluster to run on", () => {
        throw new PostgresUnavailableError(plan.reason);
      });
    });
    return;
  }
  if (plan.kind === "skip") {
    describe.skip(`${name} (${plan.reason})`, () => {
      it(plan.reason, () => undefined);
    });
    return;
  }
  describe(name, () => {
    const held: Held = {};
    beforeAll(() => setUp(plan.source, held), 120_000);
    afterAll(() => tearDown(held), 60_000);
    body({
      get url() {
        if (!held.url) throw new PostgresUnavailableError("the test database is not set up yet");
        return held.url;
      },
    });
  });
}
