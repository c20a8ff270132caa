import type { PoolClient } from "pg";
import { PG_MIGRATIONS } from "./migrations/index.js";
import { quoteIdent } from "./sql.js";

// A fixed class id for the store's migration lock; the second key is the schema's hash, so
// stores in two schemas of one database migrate independently. Not the checkpointer's key.
const MIGRATION_LOCK_CLASS = 31_0731;

/**
 * Creates `schema` if needed and applies every pending migration, all in one transaction under
 * an advisory lock: processes starting together take turns, the later ones find nothing to do.
 * Returns how many migrations ran.
 */
export async function migratePostgres(client: PoolClient, schema: string): Promise<number> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [
      MIGRATION_LOCK_CLASS,
      schema,
    ]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version bigint PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`);
    const { rows } = await client.query<{ version: number }>(
      "SELECT version FROM schema_migrations",
    );
    const applied = new Set(rows.map((r) => Number(r.version)));
    let count = 0;
    for (const m of PG_MIGRATIONS) {
      if (applied.has(m.version)) continue;
      await client.query(m.sql);
      await client.query(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        [m.version, m.name, new Date().toISOString()],
      );
      count++;
    }
    await client.query("COMMIT");
    return count;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  }
}
