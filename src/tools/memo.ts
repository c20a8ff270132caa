import { factsVersion, stateOf, type Db, type IngestKind } from "../store/index.js";

/*
 * How many entries a memo keeps, by what it is keyed on. A cycle's runs of one category come one
 * after another (a worker takes whole categories), so reuse within a cycle needs only the category
 * in hand; more entries serve runs repeated over the same scopes (the service, a demo-sized market
 * of 5 categories and 20 scopes fits). Keeping hundreds of categories' series, as before, only kept
 * them alive into the old generation: on a 10,000-scope cycle the collector's marking of that
 * dead weight cost about 4 % of the cycle.
 */
/** Entries keyed by category. */
export const CATEGORY_ENTRIES = 32;
/** Entries keyed by scope (category × market) or a query of that size. */
export const SCOPE_ENTRIES = 128;
/** Entries keyed by SKU × market series. */
export const SERIES_ENTRIES = 512;

/**
 * A bounded cache of facts derived from the store (fitted baselines, loaded series), valid until
 * the next ingest of the kinds they were read from. The perception and demand agents read the
 * same series in the same run, and a cycle reads a category once per market: each is computed once.
 * Facts written other than by ingestion (none are, outside tests) would not be seen. The memo
 * itself only names what it caches: its entries live on each connection (its ConnectionState),
 * so a module may declare one as a constant.
 */
export class FactsMemo<V> {
  constructor(
    private readonly kinds: readonly IngestKind[],
    private readonly capacity = 4096,
  ) {}

  /** The cached value of `key`, or `compute()`'s, stored under the facts' current version. */
  get(db: Db, key: string, compute: () => V, version: string = factsVersion(db, this.kinds)): V {
    const entries = stateOf(db).slot(this, () => new Map<string, { version: string; value: V }>());
    const hit = entries.get(key);
    if (hit && hit.version === version) {
      // Re-insert so that Map order is least recently used first.
      entries.delete(key);
      entries.set(key, hit);
      return hit.value;
    }
    const value = compute();
    entries.delete(key);
    entries.set(key, { version, value });
    if (entries.size > this.capacity) entries.delete(entries.keys().next().value!);
    return value;
  }

  /** The current version token of this memo's kinds (read once to serve many `get`s). */
  version(db: Db): string {
    return factsVersion(db, this.kinds);
  }
}
