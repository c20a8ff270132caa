import type PgBoss from "pg-boss";
import { QueueError } from "./errors.js";
import { redactUrl } from "../store/postgres/redact-url.js";
import { checkDatabaseUrl } from "./url.js";

/** How the scope queue is reached and how its jobs live. */
export interface ScopeQueueOptions {
  /** postgres://… (the same database may hold the checkpoints, later the store). */
  url: string;
  /** pg-boss's schema (default "pgboss"). */
  schema?: string;
  /** The queue's name (default "autopromo_scope"). */
  name?: string;
  /**
   * An active job without a heartbeat for this long goes back to the queue (default 60 s).
   * Workers beat every third of it, so it only has to outlast a stalled event loop.
   */
  expireInSeconds?: number;
  /** How many times a job is tried again after its first failure or expiry (default 5). */
  retryLimit?: number;
  /** Seconds before a failed or expired job is offered again (default 1). */
  retryDelaySeconds?: number;
  /** Connections in this process's pool (default 4). */
  poolSize?: number;
  /** Where pg-boss's background errors go (default: ignored; a failing call throws anyway). */
  onError?: (e: Error) => void;
}

/** A started pg-boss and the queue the scopes of cycles go through. */
export interface ScopeQueue {
  readonly boss: PgBoss;
  /** The database's URL (workers open their run locks on it). */
  readonly url: string;
  readonly name: string;
  readonly schema: string;
  readonly expireInSeconds: number;
  /** Stops pg-boss and closes its pool. */
  stop(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Starts pg-boss on `url` (creating its schema and the queue when missing) and returns the scope
 * queue. pg-boss is loaded here, so nothing else pays for it. Throws QueueError INVALID_URL or
 * UNREACHABLE, naming the database without its password.
 */
export async function openScopeQueue(o: ScopeQueueOptions): Promise<ScopeQueue> {
  const url = checkDatabaseUrl(o.url);
  const schema = o.schema ?? "pgboss";
  const name = o.name ?? "autopromo_scope";
  if (!/^[a-z_][a-z0-9_]*$/i.test(schema))
    throw new QueueError("INVALID_OPTION", `not a schema name: ${schema}`);
  const expireInSeconds = o.expireInSeconds ?? 60;
  const { default: PgBossClass } = await import("pg-boss");
  const boss = new PgBossClass({
    connectionString: url,
    schema,
    max: o.poolSize ?? 4,
    application_name: "autopromo",
    // pg's own default waits forever for an unroutable host.
    ...({ connectionTimeoutMillis: CONNECT_TIMEOUT_MS } as object),
    // Expired jobs go back to the queue at this pace (pg-boss's default is every 2 minutes).
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(expireInSeconds / 2))),
  });
  boss.on("error", (e) => o.onError?.(e));
  try {
    await boss.start();
    await ensureQueue(boss, name, {
      expireInSeconds,
      retryLimit: o.retryLimit ?? 5,
      retryDelay: o.retryDelaySeconds ?? 1,
    });
  } catch (e) {
    await boss.stop({ graceful: false }).catch(() => undefined);
    throw new QueueError(
      "UNREACHABLE",
      `cannot use the queue's database ${redactUrl(url)}: ${(e as Error).message || String(e)}`,
      { cause: e },
    );
  }
  return {
    boss,
    url,
    name,
    schema,
    expireInSeconds,
    stop: () => boss.stop({ graceful: false, timeout: 5_000 }),
  };
}

/** Creates the queue unless it exists; two processes starting at once may both try. */
async function ensureQueue(
  boss: PgBoss,
  name: string,
  opts: Pick<PgBoss.Queue, "expireInSeconds" | "retryLimit" | "retryDelay">,
): Promise<void> {
  if (await boss.getQueue(name)) return;
  try {
    await boss.createQueue(name, { name, policy: "standard", ...opts });
  } catch (e) {
    if (!(await boss.getQueue(name))) throw e;
  }
}
