export { openDb, migrate, resolveDbPath, schemaVersion, DEFAULT_DB_PATH } from "./db.js";
export { ConnectionState, stateOf, StoreDb } from "./connection.js";
export { beginWrite, isBusy, writableSoon } from "./begin.js";
export { ownerGone, processOwner } from "./owner.js";
export type { Db, OpenDbOptions } from "./db.js";
export { MIGRATIONS } from "./migrations/index.js";
export {
  copySqliteToPostgres,
  openPostgres,
  postgresDecisionReader,
  schemaDifferences,
} from "./postgres/index.js";
export type { CopyReport, DecisionReader, PostgresStore } from "./postgres/index.js";
export type { Migration } from "./migrations/index.js";
export { ingestFile, ingestRecords, sha256File } from "./ingest/ingest.js";
export type { IngestOptions, IngestFileOptions } from "./ingest/ingest.js";
export { ingestReportSchema } from "./ingest/report.js";
export type { IngestReport, Rejection } from "./ingest/report.js";
export type { SourceRecord } from "./ingest/readers.js";
export { INGEST_KINDS, kindSpec } from "./kinds/index.js";
export type { IngestKind } from "./kinds/index.js";
export { retailWeekOf, addDays } from "./harmonise/time.js";
export { ingestDunnhumbyBtf, DUNNHUMBY_SOURCE } from "./formats/dunnhumby-btf.js";
export { ingestDataset } from "./formats/dataset.js";
export type { Dataset } from "./formats/dataset.js";
export type { DunnhumbyReport } from "./formats/dunnhumby-btf.js";
export {
  ingestCompleteJourney,
  completeJourneyReportSchema,
  COMPLETE_JOURNEY_SOURCE,
} from "./ingest/complete-journey/index.js";
export type { CompleteJourneyReport } from "./ingest/complete-journey/index.js";
export { storeStatus, storeStatusSchema } from "./repositories/status.js";
export type { StoreStatus } from "./repositories/status.js";
export { listQuarantine, quarantinedRowSchema } from "./repositories/quarantine.js";
export type { QuarantinedRow } from "./repositories/quarantine.js";
export { andSet, prepared, preparedRaw, SALES_MARKETS_SQL } from "./sql.js";
export { factsVersion } from "./versions.js";
export { startWalCheckpointer } from "./wal-checkpointer.js";
export { WriteGate } from "./write-gate.js";
export { writeTx } from "./write-tx.js";
export type { WalCheckpointer, WalCheckpointerOptions } from "./wal-checkpointer.js";
export {
  convertMoney,
  marketCurrency,
  shelfPrice,
  promoPricing,
  PriceLookupError,
} from "./prices.js";
export type { Money } from "./prices.js";
