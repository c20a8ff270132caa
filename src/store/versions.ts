import type { Db } from "./db.js";
import type { IngestKind } from "./kinds/index.js";

/** Kinds every derived fact depends on: products, markets, locations, codes and rates. */
const CATALOG_KINDS: readonly IngestKind[] = ["market", "location", "product", "sku_alias", "fx_rate"];

/**
 * A token that changes whenever facts of `kinds` (or the catalogue) change. Facts are only ever
 * written by ingests, one transaction each, and every committed ingest leaves a row with a new
 * id; so the latest ingest id per kind versions the facts (one index seek per kind).
 */
export function factsVersion(db: Db, kinds: readonly IngestKind[]): string {
  const latest = db.prepare("SELECT max(id) AS id FROM ingests WHERE kind = ?").pluck();
  return [...CATALOG_KINDS, ...kinds].map((k) => latest.get(k) ?? 0).join(".");
}
