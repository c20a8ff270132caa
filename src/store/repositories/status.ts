import { z } from "zod";
import type { Db } from "../db.js";

const kindStatusSchema = z.object({
  kind: z.string(),
  rows: z.number().int(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});

export const storeStatusSchema = z.object({
  schemaVersion: z.number().int(),
  reference: z.object({
    markets: z.number().int(),
    locations: z.number().int(),
    products: z.number().int(),
    skuAliases: z.number().int(),
    fxRates: z.number().int(),
  }),
  signals: z.array(kindStatusSchema),
  quarantined: z.number().int(),
  corrections: z.number().int(),
  ingests: z.number().int(),
});
export type StoreStatus = z.infer<typeof storeStatusSchema>;

/** Signal tables and the column that dates their rows. */
const SIGNAL_TABLES = [
  { kind: "sales", table: "sales", time: "period_end" },
  { kind: "inventory", table: "inventory", time: "as_of" },
  { kind: "production", table: "production", time: "date" },
  { kind: "competitor_price", table: "competitor_prices", time: "observed_at" },
  { kind: "consumer_signal", table: "consumer_signals", time: "observed_at" },
] as const;

const count = (db: Db, table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Counts per kind, the date range each covers, and how much sits in quarantine. */
export function storeStatus(db: Db): StoreStatus {
  return {
    schemaVersion: (
      db.prepare("SELECT max(version) AS v FROM schema_migrations").get() as { v: number }
    ).v,
    reference: {
      markets: count(db, "markets"),
      locations: count(db, "locations"),
      products: count(db, "products"),
      skuAliases: count(db, "sku_aliases"),
      fxRates: count(db, "fx_rates"),
    },
    signals: SIGNAL_TABLES.map(({ kind, table, time }) => {
      const r = db
        .prepare(
          `SELECT count(*) AS rows, min(${time}) AS "from", max(${time}) AS "to" FROM ${table}`,
        )
        .get() as {
        rows: number;
        from: string | null;
        to: string | null;
      };
      return { kind, ...r };
    }),
    quarantined: count(db, "quarantine"),
    corrections: count(db, "fact_history"),
    ingests: count(db, "ingests"),
  };
}
