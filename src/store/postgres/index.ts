// The store on PostgreSQL: its schema, opening it, moving an SQLite store into it, and the
// decision-record read port. The pg driver loads when a store is opened, not with this module.
export { openPostgres, openPostgresOptionsSchema } from "./open.js";
export { redactUrl } from "./redact-url.js";
export type { OpenPostgresOptions, PostgresStore } from "./open.js";
export { PG_MIGRATIONS } from "./migrations/index.js";
export { copySqliteToPostgres } from "./copy.js";
export type { CopiedTable, CopyOptions, CopyReport } from "./copy.js";
export { schemaDifferences } from "./parity.js";
export { DECISION_QUERIES, decisionReaderOn, postgresDecisionReader } from "./decision-reader.js";
export type { DecisionReader, RowsOf } from "./decision-reader.js";
export { toPg } from "./sql.js";
