import type { Db } from "./db.js";
import type { IngestKind } from "./kinds/index.js";
import { prepared } from "./sql.js";

/** Kinds every derived fact depends on: products, markets, locations, codes and rates. */
const CATALOG_KINDS: readonly IngestKind[] = ["market", "location", "product", "sku_alias", "fx_rate"];

/** One statement per list of kinds: every memo lookup asks for a version, so it is one native call, compiled once. */
const queries = new WeakMap<readonly IngestKind[], { sql: string; kinds: IngestKind[] }>();

function queryFor(kinds: readonly IngestKind[]): { sql: string; kinds: IngestKind[] } {
  let q = queries.get(kinds);
  if (!q) {
    const all = [...CATALOG_KINDS, ...kinds];
    const sql = `SELECT ${all.map((_, i) => `(SELECT max(id) FROM ingests WHERE kind = ?) AS v${i}`).join(", ")}`;
    queries.set(kinds, (q = { sql, kinds: all }));
  }
  return q;
}

/**
 * A token that changes whenever facts of `kinds` (or the catalogue) change. Facts are only ever
 * written by ingests, one transaction each, and every committed ingest leaves a row with a new
 * id; so the latest ingest id per kind versions the facts (one index seek per kind).
 */
export function factsVersion(db: Db, kinds: readonly IngestKind[]): string {
  const q = queryFor(kinds);
  const row = prepared(db, q.sql).get(...q.kinds) as Record<string, number | null>;
  let out = "";
  for (let i = 0; i < q.kinds.length; i++) out += `${i ? "." : ""}${row[`v${i}`] ?? 0}`;
  return out;
}
