import type { Db } from "../../store/index.js";

/** The newest schema migration applied to the database, for /healthz. */
export function schemaVersion(db: Db): number {
  const row = db.prepare("SELECT max(version) AS v FROM schema_migrations").get() as { v: number };
  return row.v;
}
