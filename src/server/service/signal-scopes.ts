import type { Db } from "../../store/index.js";
import type { Scope } from "./work-queue.js";

/** Fact tables a signal lands in, by kind, and how a row of each maps to category × market scopes. */
const FACTS: Record<string, { table: string; scopes: string }> = {
  sales: {
    table: "sales",
    scopes:
      "SELECT DISTINCT p.category, f.market_id AS market FROM sales f JOIN products p ON p.sku = f.sku WHERE %IDS%",
  },
  inventory: {
    table: "inventory",
    scopes:
      "SELECT DISTINCT p.category, f.market_id AS market FROM inventory f JOIN products p ON p.sku = f.sku WHERE %IDS%",
  },
  competitor_price: {
    table: "competitor_prices",
    scopes:
      "SELECT DISTINCT p.category, f.market_id AS market FROM competitor_prices f JOIN products p ON p.sku = f.sku WHERE %IDS%",
  },
  // A plant's output reaches every market that sells the SKU.
  production: {
    table: "production",
    scopes: `SELECT DISTINCT p.category, m.market_id AS market FROM production f JOIN products p ON p.sku = f.sku
               JOIN (SELECT DISTINCT sku, market_id FROM sales) m ON m.sku = f.sku WHERE %IDS%`,
  },
  // A consumer signal names a SKU, a category, or only a market (then every category sold there).
  consumer_signal: {
    table: "consumer_signals",
    scopes: `SELECT DISTINCT coalesce(p.category, f.category, c.category) AS category, f.market_id AS market
               FROM consumer_signals f LEFT JOIN products p ON p.sku = f.sku
               LEFT JOIN (SELECT DISTINCT pr.category, sa.market_id FROM sales sa JOIN products pr ON pr.sku = sa.sku) c
                 ON f.sku IS NULL AND f.category IS NULL AND c.market_id = f.market_id
              WHERE %IDS%`,
  },
};

/** Whether a signal of `kind` can trigger runs (reference data — markets, products, aliases, FX — waits for the next cycle). */
export function triggersRuns(kind: string): boolean {
  return kind in FACTS;
}

/**
 * Which scopes new signals touch. Keeps a cursor per fact table (row ids only grow) and one on
 * fact_history (corrections rewrite an old row and log it there), so each call reads only what
 * arrived since the last — from this server's POST /signals or any other process's ingest —
 * without scanning the tables.
 */
export interface SignalScopes {
  /** Scopes touched by rows stored or corrected since the last call, sorted; advances the cursors. */
  next(): Scope[];
}

/** Starts the cursors at the tables' current ends. */
export function createSignalScopes(db: Db): SignalScopes {
  const maxId = (table: string) =>
    (db.prepare(`SELECT max(id) AS m FROM ${table}`).get() as { m: number | null }).m ?? 0;
  const cursors = new Map(Object.values(FACTS).map((f) => [f.table, maxId(f.table)]));
  let historyCursor = maxId("fact_history");
  // New rows are a primary-key range; corrected rows a (short) list of ids.
  const inRange = new Map(
    Object.entries(FACTS).map(([kind, f]) => [
      kind,
      db.prepare(f.scopes.replace("%IDS%", "f.id > ? AND f.id <= ?")),
    ]),
  );
  const inList = new Map(
    Object.entries(FACTS).map(([kind, f]) => [
      kind,
      db.prepare(f.scopes.replace("%IDS%", "f.id IN (SELECT value FROM json_each(?))")),
    ]),
  );
  const corrections = db.prepare(
    "SELECT id, kind, fact_id AS factId FROM fact_history WHERE id > ? ORDER BY id LIMIT 10000",
  );

  return {
    next() {
      const found: { category: string | null; market: string }[] = [];
      for (const [kind, f] of Object.entries(FACTS)) {
        const from = cursors.get(f.table)!;
        const to = maxId(f.table);
        if (to > from) found.push(...(inRange.get(kind)!.all(from, to) as typeof found));
        cursors.set(f.table, to);
      }
      const corrected = new Map<string, number[]>();
      for (const c of corrections.all(historyCursor) as {
        id: number;
        kind: string;
        factId: number;
      }[]) {
        historyCursor = c.id;
        if (c.kind in FACTS) corrected.set(c.kind, [...(corrected.get(c.kind) ?? []), c.factId]);
      }
      for (const [kind, ids] of corrected)
        found.push(...(inList.get(kind)!.all(JSON.stringify(ids)) as typeof found));
      const out = new Map<string, Scope>();
      for (const s of found)
        if (s.category)
          out.set(`${s.category}\u0000${s.market}`, { category: s.category, market: s.market });
      return [...out.values()].sort(
        (a, b) => a.category.localeCompare(b.category) || a.market.localeCompare(b.market),
      );
    },
  };
}
