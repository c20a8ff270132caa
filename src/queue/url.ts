import { redactUrl } from "../store/postgres/redact-url.js";
import { QueueError } from "./errors.js";

/** Where the database URL of the queue comes from: `--database-url`, else the environment. */
export function databaseUrlFrom(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const url = flag?.trim() || env.AUTOPROMO_DATABASE_URL?.trim();
  if (!url)
    throw new QueueError(
      "INVALID_URL",
      "the queue needs a PostgreSQL database: pass --database-url postgres://… " +
        "or set AUTOPROMO_DATABASE_URL",
    );
  return checkDatabaseUrl(url);
}

/** `url` when it is a postgres:// (or postgresql://) URL naming a host; a clear error otherwise. */
export function checkDatabaseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new QueueError("INVALID_URL", `not a database URL: ${redactUrl(url)}`);
  }
  if (u.protocol !== "postgres:" && u.protocol !== "postgresql:")
    throw new QueueError(
      "INVALID_URL",
      `${redactUrl(url)}: the queue runs on PostgreSQL; expected postgres://user@host:port/db`,
    );
  if (!u.hostname && !u.searchParams.get("host"))
    throw new QueueError("INVALID_URL", `${redactUrl(url)}: no host in the URL`);
  return url;
}
