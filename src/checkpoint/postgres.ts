import type { SerializerProtocol } from "@langchain/langgraph-checkpoint";
import type { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import type { Pool } from "pg";
import { z } from "zod";
import { AutopromoError } from "../errors.js";
import { GraphError } from "../graph/errors.js";

// LangGraph's official Postgres saver, set up and ready. It groups nothing, so the durable-run
// port runs its graphs in "write now" mode (see port.ts). Loaded on first use: a process on the
// embedded SQLite saver never loads the pg driver.

/** How to open the Postgres saver. */
export const postgresCheckpointerOptionsSchema = z.object({
  /** The schema its tables live in (created if missing); default `public`. */
  schema: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, "a plain SQL identifier (letters, digits, _)")
    .default("public"),
});

/** Options of {@link postgresCheckpointer}. */
export type PostgresCheckpointerOptions = z.input<typeof postgresCheckpointerOptionsSchema> & {
  /** How checkpoint values are encoded (default: LangGraph's JSON-plus serde). */
  serde?: SerializerProtocol;
};

const urlSchema = z
  .string()
  .regex(/^postgres(ql)?:\/\//, "a postgres:// or postgresql:// connection string");

// Any fixed 64-bit number, the same in every process: setup() is not safe to run twice at once
// (both see no tables, both migrate), so workers starting together take turns.
const SETUP_LOCK = 7_031_946_204_113;

/** A wrong option or connection string, naming the field. */
function configError(field: string, issues: { message: string }[]): AutopromoError {
  const why = issues.map((i) => i.message).join("; ");
  return new AutopromoError("CONFIG_ERROR", `postgresCheckpointer: ${field}: ${why}`);
}

/** Checks the connection string and options. */
function parse(
  target: string | Pool,
  options: PostgresCheckpointerOptions,
): { schema: string; url?: string } {
  const opts = postgresCheckpointerOptionsSchema.safeParse(options);
  if (!opts.success) throw configError("options.schema", opts.error.issues);
  if (typeof target !== "string") return { schema: opts.data.schema };
  const url = urlSchema.safeParse(target);
  if (!url.success) throw configError("url", url.error.issues);
  return { schema: opts.data.schema, url: url.data };
}

/** Runs `setup` while holding the setup lock on its own connection of `pool`. */
async function oneAtATime(pool: Pool, setup: () => Promise<void>): Promise<void> {
  // The lock needs a second connection beside setup's: a one-connection pool sets up unlocked.
  if ((pool.options.max ?? 10) < 2) return setup();
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [SETUP_LOCK]);
    try {
      await setup();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [SETUP_LOCK]);
    }
  } finally {
    client.release();
  }
}

/**
 * LangGraph's PostgresSaver on `target` (a connection string, or a pg Pool it then shares), its
 * tables created or migrated; `saver.end()` closes the pool.
 * @example const saver = await postgresCheckpointer(process.env.AUTOPROMO_DATABASE_URL!);
 */
export async function postgresCheckpointer(
  target: string | Pool,
  options: PostgresCheckpointerOptions = {},
): Promise<PostgresSaver> {
  const { schema, url } = parse(target, options);
  const [{ PostgresSaver }, { default: pg }] = await Promise.all([
    import("@langchain/langgraph-checkpoint-postgres"),
    import("pg"),
  ]);
  const pool = url ? new pg.Pool({ connectionString: url }) : (target as Pool);
  const saver = new PostgresSaver(pool, options.serde, { schema });
  try {
    await oneAtATime(pool, () => saver.setup());
  } catch (e) {
    if (url) await pool.end().catch(() => undefined);
    const why = e instanceof Error ? e.message : String(e);
    throw new GraphError(
      "CHECKPOINT_FAILED",
      `postgresCheckpointer: could not set up schema "${schema}": ${why}`,
      { cause: e },
    );
  }
  return saver;
}
