import { stateOf } from "./connection.js";
import type { Db } from "./db.js";
import type { IngestKind } from "./kinds/index.js";
import { prepared } from "./sql.js";

/** Kinds every derived fact depends on: products, markets, locations, codes and rates. */
const CATALOG_KINDS: readonly IngestKind[] = [
  "market",
  "location",
  "product",
  "sku_alias",
  "fx_rate",
];

/** One statement per list of kinds (compiled once per connection by `prepared`). */
function queryFor(kinds: readonly IngestKind[]): { sql: string; kinds: IngestKind[] } {
  const all = [...CATALOG_KINDS, ...kinds];
  const sql = `SELECT ${all.map((_, i) => `(SELECT max(id) FROM ingests WHERE kind = ?) AS v${i}`).join(", ")}`;
  return { sql, kinds: all };
}

/**
 * Whether anything may have changed since: this connection's row changes (counted even when rolled
 * back) and the data version, which moves when another connection commits. Reading both costs no
 * table access.
 */
const STAMP_SQL =
  "SELECT total_changes() AS changes, data_version AS dataVersion FROM pragma_data_version";

interface Stamp {
  changes: number;
  dataVersion: number;
}

/** Makes the next factsVersion read the versions again: an ingest calls it as it commits or rolls back. */
export function factsChanged(db: Db): void {
  stateOf(db).factsEpoch++;
}

/**
 * A token that changes whenever facts of `kinds` (or the catalogue) change. Facts are only ever
 * written by ingests, one transaction each, and every committed ingest leaves a row with a new
 * id; so the latest ingest id per kind versions the facts (one index seek per kind). The versions
 * a connection read are kept on it (its ConnectionState) until an ingest ends there
 * (`factsChanged`) or a write, here or by another connection, may have changed them (a stamp of
 * two counters, read each time: one native call, no table).
 */
export function factsVersion(db: Db, kinds: readonly IngestKind[]): string {
  const state = stateOf(db);
  const stamp = prepared(db, STAMP_SQL).get() as Stamp;
  let known = state.facts;
  if (
    !known ||
    known.epoch !== state.factsEpoch ||
    known.changes !== stamp.changes ||
    known.dataVersion !== stamp.dataVersion
  ) {
    state.facts = known = { epoch: state.factsEpoch, ...stamp, byKinds: new Map() };
  }
  const key = kinds.join(",");
  let version = known.byKinds.get(key);
  if (version === undefined) known.byKinds.set(key, (version = readVersion(db, kinds)));
  return version;
}

/** The latest ingest id of each kind (and of the catalogue's), joined. */
function readVersion(db: Db, kinds: readonly IngestKind[]): string {
  const q = queryFor(kinds);
  const row = prepared(db, q.sql).get(...q.kinds) as Record<string, number | null>;
  let out = "";
  for (let i = 0; i < q.kinds.length; i++) out += `${i ? "." : ""}${row[`v${i}`] ?? 0}`;
  return out;
}
