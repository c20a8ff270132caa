import type { z } from "zod";
import type { Harmoniser } from "../harmonise/harmoniser.js";

/** Everything the store knows how to ingest: five signal kinds and the reference data. */
export const INGEST_KINDS = [
  "sales",
  "inventory",
  "production",
  "competitor_price",
  "consumer_signal",
  "planned_promotion",
  "product",
  "market",
  "location",
  "sku_alias",
  "fx_rate",
] as const;
export type IngestKind = (typeof INGEST_KINDS)[number];

/** Days a fact may be dated past the clock: zones ahead of UTC, and a clock a little behind. */
export const FUTURE_TOLERANCE_DAYS = 1;

/** SQL values a fact row maps to. */
export type SqlValue = string | number | null;

/** Where and how a harmonised record is stored. */
export interface TableSpec {
  table: string;
  /** Columns of the natural key; `IS` comparison, so NULL parts match. */
  key: readonly string[];
  /** Key columns that may be NULL; the unique index folds them with ifnull(col, ''). */
  nullableKey?: readonly string[];
  /** Every stored column except id, content_hash and ingest_id, in a fixed order. */
  columns: readonly string[];
  /**
   * The column saying when the fact was observed (a date or an ISO instant). A row dated past the
   * ingest's clock plus {@link FUTURE_TOLERANCE_DAYS} is quarantined: it cannot have happened yet.
   * Schedules (production) have none: they are about the future by nature.
   */
  observedAt?: string;
  /** Fact tables keep a content hash and the (source, source_event_id) key; reference tables do not. */
  fact: boolean;
}

/** One ingestible kind: the row contract, its harmonisation and its table. */
export interface KindSpec<Row = unknown> {
  kind: IngestKind;
  rowSchema: z.ZodType<Row>;
  table: TableSpec;
  /** Turns a valid source row into stored columns; throws RowRejection when it cannot. */
  harmonise(row: Row, h: Harmoniser, source: string): Record<string, SqlValue>;
}
