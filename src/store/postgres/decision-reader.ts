import { decisionRecordSchema, type DecisionRecord } from "../../domain/decision.js";
import { GraphError } from "../../graph/errors.js";
import type { PostgresStore } from "./open.js";
import { toPg } from "./sql.js";

// The first async read port of the store: decision records, as `getDecision` and
// `listDecisions` return them. Its SQL is written once, in SQLite's dialect, and run on pg
// through `toPg`.

/** Reads decision records, on whichever database holds them. */
export interface DecisionReader {
  /**
   * One record, or NOT_FOUND: by id, a unique id prefix, or a unique suffix of 6 or more
   * characters (the handle summaries print).
   */
  get(id: string): Promise<DecisionRecord>;
  /** The newest records first, at most `limit` (default 100). */
  list(limit?: number): Promise<DecisionRecord[]>;
}

/** Runs one query written with `?` placeholders and returns its rows. */
export type RowsOf = (sql: string, params: readonly unknown[]) => Promise<{ record: string }[]>;

/** The queries a decision reader runs (SQLite's dialect; the same texts `getDecision` runs). */
export const DECISION_QUERIES = {
  byIdOrPrefix:
    "SELECT record FROM decisions WHERE id = ? OR id LIKE ? ORDER BY id = ? DESC LIMIT 2",
  bySuffix: "SELECT record FROM decisions WHERE id LIKE ? LIMIT 2",
  newest: "SELECT record FROM decisions ORDER BY created_at DESC, id DESC LIMIT ?",
} as const;

const parse = (r: { record: string }) => decisionRecordSchema.parse(JSON.parse(r.record));

/** A decision reader over any database that runs {@link DECISION_QUERIES}. */
export function decisionReaderOn(rowsOf: RowsOf): DecisionReader {
  return {
    async get(id) {
      let rows = await rowsOf(DECISION_QUERIES.byIdOrPrefix, [id, `${id}%`, id]);
      if (rows.length === 0 && id.length >= 6) {
        rows = await rowsOf(DECISION_QUERIES.bySuffix, [`%${id}`]);
        if (rows.length > 1)
          throw new GraphError(
            "NOT_FOUND",
            `${id} ends more than one decision id; give more of it`,
          );
      }
      if (rows.length === 0) throw new GraphError("NOT_FOUND", `no decision ${id}`);
      return parse(rows[0]!);
    },
    async list(limit = 100) {
      return (await rowsOf(DECISION_QUERIES.newest, [limit])).map(parse);
    },
  };
}

/** Decision records from the Postgres store. */
export function postgresDecisionReader(store: Pick<PostgresStore, "pool">): DecisionReader {
  return decisionReaderOn(async (sql, params) => {
    const res = await store.pool.query<{ record: string }>(toPg(sql), [...params]);
    return res.rows;
  });
}
