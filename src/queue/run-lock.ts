import type pg from "pg";
import { redactUrl } from "../store/postgres/redact-url.js";
import { QueueError } from "./errors.js";

/** A session of its own on the queue's database, holding the locks of the runs in hand. */
export interface RunLocks {
  /** Takes `decisionId`'s lock unless another session holds it (then false). */
  tryLock(decisionId: string): Promise<boolean>;
  unlock(decisionId: string): Promise<void>;
  close(): Promise<void>;
}

// Advisory locks of one session: a worker that dies loses its connection, and its locks with it.
const KEY = "hashtextextended('autopromo-run:' || $1, 0)";

/**
 * One connection whose session-level advisory locks say which runs are in hand, across every
 * worker on every machine. A job whose worker stalled past its expiry and is alive still is
 * not run by a second worker until the first lets go: the second then reads the run back.
 * (The SQLite lease alone leaves a gap: a fresh run that starts before the first one's first
 * commit and commits after its last would plan the scope again.)
 */
export async function openRunLocks(url: string): Promise<RunLocks> {
  const { default: pgModule } = await import("pg");
  const connect = async (): Promise<pg.Client> => {
    const c: pg.Client = new pgModule.Client({
      connectionString: url,
      connectionTimeoutMillis: 10_000,
      application_name: "autopromo-run-locks",
    });
    // A dropped connection ends its locks: the run in hand fails its job, the next one reconnects.
    c.on("error", () => (session.broken = true));
    c.on("end", () => (session.broken = true));
    try {
      await c.connect();
    } catch (e) {
      throw new QueueError(
        "UNREACHABLE",
        `cannot use the queue's database ${redactUrl(url)}: ${(e as Error).message}`,
        { cause: e },
      );
    }
    return c;
  };
  const session = { client: await connect(), broken: false };
  const client = async () => {
    if (session.broken) {
      session.client = await connect();
      session.broken = false;
    }
    return session.client;
  };
  return {
    async tryLock(id) {
      const r = await (
        await client()
      ).query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${KEY}) AS ok`, [id]);
      return r.rows[0]?.ok === true;
    },
    async unlock(id) {
      await (await client()).query(`SELECT pg_advisory_unlock(${KEY})`, [id]);
    },
    close: () => {
      session.broken = false;
      return session.client.end();
    },
  };
}
