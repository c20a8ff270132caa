// What LangGraph's Postgres saver costs a scope, beside the shipped SQLite saver: the demo market's
// cycle (all scopes, the shipped policy) run once on each, timed, with the Postgres database's
// transactions and inserted rows per scope (pg_stat_database, read after the pool is closed).
// Usage: eval "$(bash scripts/pg-test-cluster.sh start)"; npx tsx scripts/pg-checkpoint-probe.ts
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { postgresCheckpointer } from "../src/checkpoint/index.js";
import { fixedClock } from "../src/domain/index.js";
import { createPromotionGraph, runCycle } from "../src/graph/index.js";
import { DEMO_NOW, demoDb } from "../src/graph/testing/demo-db.js";
import { loadPolicy } from "../src/policies/index.js";
import { openDb } from "../src/store/index.js";

const url = process.env.AUTOPROMO_TEST_DATABASE_URL;
if (!url) throw new Error("set AUTOPROMO_TEST_DATABASE_URL (scripts/pg-test-cluster.sh start)");

interface Stats {
  commits: number;
  inserted: number;
}

/** The database's committed transactions and inserted rows so far. */
async function stats(): Promise<Stats> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ c: string; i: string }>(
      `SELECT xact_commit AS c, tup_inserted AS i FROM pg_stat_database
        WHERE datname = current_database()`,
    );
    return { commits: Number(rows[0]!.c), inserted: Number(rows[0]!.i) };
  } finally {
    await client.end();
  }
}

const demo = await demoDb();
demo.db.close();
try {
  const clock = fixedClock(DEMO_NOW);
  const policy = loadPolicy();
  const copy = (name: string) => {
    const file = join(demo.dir, name);
    copyFileSync(demo.path, file);
    return openDb(file);
  };

  // One cycle on each saver, twice, interleaved: the first pays the process's warm-up.
  for (const round of [1, 2]) {
    const sqliteDb = copy(`sqlite-${round}.db`);
    let t = performance.now();
    const sqliteGraph = createPromotionGraph({ db: sqliteDb, clock, policy });
    const onSqlite = await runCycle({ graph: sqliteGraph, db: sqliteDb, clock });
    const sqliteMs = performance.now() - t;
    sqliteDb.close();

    const checkpointer = await postgresCheckpointer(url, { schema: `probe_${Date.now()}` });
    const before = await stats();
    const pgDb = copy(`postgres-${round}.db`);
    t = performance.now();
    const graph = createPromotionGraph({ db: pgDb, clock, policy, checkpointer });
    const onPostgres = await runCycle({ graph, db: pgDb, clock });
    const postgresMs = performance.now() - t;
    await checkpointer.end();
    pgDb.close();
    // A client's statistics are counted when it ends; the probe's own (in `before`) adds one.
    const after = await stats();

    const n = onPostgres.length;
    const ms = (total: number, scopes: number) =>
      `${total.toFixed(0)} ms (${(total / scopes).toFixed(1)} ms/scope)`;
    const transactions = ((after.commits - before.commits - 1) / n).toFixed(1);
    const rows = ((after.inserted - before.inserted) / n).toFixed(1);
    console.log(`round ${round}: demo cycle, ${onSqlite.length} scopes on each saver`);
    console.log(`  SQLite saver:   ${ms(sqliteMs, onSqlite.length)}`);
    console.log(`  Postgres saver: ${ms(postgresMs, n)}`);
    console.log(`  Postgres per scope: ${transactions} transactions, ${rows} rows inserted`);
  }
} finally {
  rmSync(demo.dir, { recursive: true, force: true });
}
