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
 * Whether anything may have changed since: this connection's row changes (counted even when rolled
 * back) and the data version, which moves when another connection commits. Reading both costs no
 * table access.
 */
const STAMP_SQL = "SELECT total_changes() AS changes, data_version AS dataVersion FROM pragma_data_version";

interface Stamp {
  changes: number;
  dataVersion: number;
}

/** Per connection, the versions read since its last stamp, by list of kinds. */
const cached = new WeakMap<Db, Stamp & { versions: Map<string, string> }>();

/**
 * Stamps read in the current synchronous stretch, by connection, forgotten at the next microtask.
 * A node asks a dozen memos in one stretch; in between only this thread could write, and it writes
 * facts only by ingesting, which forgets the stamp as it ends (forgetFactsStamp). Another
 * connection's commit in the stretch is seen at the next one, as it would be had it come a moment
 * later.
 */
const pinned = new WeakMap<Db, Stamp>();

function stampOf(db: Db): Stamp {
  let stamp = pinned.get(db);
  if (!stamp) {
    pinned.set(db, (stamp = prepared(db, STAMP_SQL).get() as Stamp));
    queueMicrotask(() => pinned.delete(db));
  }
  return stamp;
}

/** Makes the next factsVersion read the stamp again: an ingest calls it as it commits or rolls back. */
export function forgetFactsStamp(db: Db): void {
  pinned.delete(db);
}

/**
 * A token that changes whenever facts of `kinds` (or the catalogue) change. Facts are only ever
 * written by ingests, one transaction each, and every committed ingest leaves a row with a new
 * id; so the latest ingest id per kind versions the facts (one index seek per kind). A scope asks
 * a dozen memos in a row with nothing written between: the versions are read again only once a
 * write (of anything, by anyone) may have happened since they were read.
 */
export function factsVersion(db: Db, kinds: readonly IngestKind[]): string {
  const stamp = stampOf(db);
  let known = cached.get(db);
  if (!known || known.changes !== stamp.changes || known.dataVersion !== stamp.dataVersion) {
    cached.set(db, (known = { changes: stamp.changes, dataVersion: stamp.dataVersion, versions: new Map() }));
  }
  const key = kinds.join(",");
  let version = known.versions.get(key);
  if (version === undefined) known.versions.set(key, (version = readVersion(db, kinds)));
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
