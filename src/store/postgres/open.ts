import type pg from "pg";
import { z } from "zod";
import { AutopromoError } from "../../errors.js";
import { migratePostgres } from "./migrate.js";
import { redactUrl } from "./redact-url.js";
import { storeTypes } from "./types.js";

/** How to open the Postgres store. */
export const openPostgresOptionsSchema = z.object({
  /**
   * The schema its tables live in (created if missing); default `autopromo`, apart from
   * LangGraph's Postgres saver, whose `checkpoints` and `checkpoint_blobs` would collide.
   */
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "a lower-case SQL identifier (a-z, 0-9, _)")
    .default("autopromo"),
  /** Connections in the pool (default 10). */
  max: z.number().int().min(1).max(1000).default(10),
});

/** Options of {@link openPostgres}. */
export type OpenPostgresOptions = z.input<typeof openPostgresOptionsSchema>;

/** The store on Postgres: a pool whose connections see the store's schema first. */
export interface PostgresStore {
  readonly pool: pg.Pool;
  readonly schema: string;
  /** Closes the pool. */
  close(): Promise<void>;
}

const urlSchema = z
  .string()
  .regex(/^postgres(ql)?:\/\/\S+$/, "a postgres:// or postgresql:// connection string");

/** A wrong option or connection string, naming the field. */
function configError(field: string, issues: { message: string }[]): AutopromoError {
  const why = issues.map((i) => i.message).join("; ");
  return new AutopromoError("CONFIG_ERROR", `openPostgres: ${field}: ${why}`);
}

/** Checks the connection string and options. */
export function parsePostgresTarget(url: unknown, options: OpenPostgresOptions = {}) {
  const u = urlSchema.safeParse(url);
  if (!u.success) throw configError("url", u.error.issues);
  const o = openPostgresOptionsSchema.safeParse(options);
  if (!o.success) {
    const field = o.error.issues[0]?.path.join(".") || "options";
    throw configError(`options.${field}`, o.error.issues);
  }
  return { url: u.data, ...o.data };
}

/**
 * The store on the Postgres database `url`, its schema created and migrated before it returns
 * (safe when several processes open it at once).
 * @example const store = await openPostgres(process.env.AUTOPROMO_DATABASE_URL!);
 */
export async function openPostgres(
  url: string,
  options: OpenPostgresOptions = {},
): Promise<PostgresStore> {
  const { schema, max, url: checked } = parsePostgresTarget(url, options);
  // Loaded here: a process on the embedded SQLite store never loads the pg driver.
  const { default: driver } = await import("pg");
  const pool = new driver.Pool({
    connectionString: checked,
    max,
    types: storeTypes(driver.types),
    options: `-c search_path=${schema}`,
  });
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client, schema);
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end().catch(() => undefined);
    const why = e instanceof Error ? e.message : String(e);
    throw new AutopromoError(
      "STORE_ERROR",
      `openPostgres: cannot open schema "${schema}" on ${redactUrl(checked)}: ${why}`,
      { cause: e },
    );
  }
  return { pool, schema, close: () => pool.end() };
}
