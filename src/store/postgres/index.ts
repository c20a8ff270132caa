// The store on PostgreSQL: its schema, opening it, and moving an SQLite store into it.
export { openPostgres, openPostgresOptionsSchema, redacted } from "./open.js";
export type { OpenPostgresOptions, PostgresStore } from "./open.js";
export { PG_MIGRATIONS } from "./migrations/index.js";
export { toPg } from "./sql.js";
