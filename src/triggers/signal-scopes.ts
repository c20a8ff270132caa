import { TRIGGER_FACT_SKUS, type TriggerFact } from "../domain/index.js";
import type { Db } from "../store/index.js";
import type { Scope } from "./trigger.js";

/** How a fact table's rows map to category × market scopes, and what they say. */
interface FactSource {
  table: string;
  /** FROM and JOINs (the fact row is `f`, its product `p`); `category` and `market` in SELECT. */
  from: string;
  category: string;
  market: string;
  /** The value a row carries, what it measures, and the row's own date. */
  value: string;
  measure: string;
  at: string;
}

const BY_SKU = "JOIN products p ON p.sku = f.sku";

/** Fact tables a signal lands in, by kind. */
const FACTS: Record<string, FactSource> = {
  sales: {
    table: "sales",
    from: `sales f ${BY_SKU}`,
    category: "p.category",
    market: "f.market_id",
    value: "f.units",
    measure: "'units'",
    at: "f.period_start",
  },
  inventory: {
    table: "inventory",
    from: `inventory f ${BY_SKU}`,
    category: "p.category",
    market: "f.market_id",
    value: "f.on_hand",
    measure: "'on_hand'",
    at: "f.as_of",
  },
  competitor_price: {
    table: "competitor_prices",
    from: `competitor_prices f ${BY_SKU}`,
    category: "p.category",
    market: "f.market_id",
    value: "f.price",
    measure: "'price'",
    at: "f.observed_at",
  },
  // A plant's output reaches every market that sells the SKU.
  production: {
    table: "production",
    from: `production f ${BY_SKU}
      JOIN (SELECT DISTINCT sku, market_id FROM sales) m ON m.sku = f.sku`,
    category: "p.category",
    market: "m.market_id",
    value: "f.planned_units",
    measure: "'planned_units'",
    at: "f.date",
  },
  // A consumer signal names a SKU, a category, or only a market (then every category sold there).
  consumer_signal: {
    table: "consumer_signals",
    from: `consumer_signals f LEFT JOIN products p ON p.sku = f.sku
      LEFT JOIN (SELECT DISTINCT pr.category, sa.market_id
                   FROM sales sa JOIN products pr ON pr.sku = sa.sku) c
        ON f.sku IS NULL AND f.category IS NULL AND c.market_id = f.market_id`,
    category: "coalesce(p.category, f.category, c.category)",
    market: "f.market_id",
    value: "f.value",
    measure: "f.kind",
    at: "f.observed_at",
  },
};

/** One query a kind: the facts of some rows, summarised by scope, ingest and measure. */
function summarySql(s: FactSource, where: string): string {
  return `SELECT ${s.category} AS category, ${s.market} AS market,
      f.ingest_id AS ingestId, ${s.measure} AS measure, count(*) AS count,
      min(${s.value}) AS min, max(${s.value}) AS max,
      min(${s.at}) AS "from", max(${s.at}) AS "to",
      json_group_array(DISTINCT f.sku) FILTER (WHERE f.sku IS NOT NULL) AS skus
    FROM ${s.from} WHERE ${where}
    GROUP BY 1, 2, 3, 4`;
}

interface SummaryRow {
  category: string | null;
  market: string;
  ingestId: number;
  measure: string;
  count: number;
  min: number;
  max: number;
  from: string;
  to: string;
  skus: string;
}

/** Whether a signal of `kind` can trigger runs (reference data waits for the next cycle). */
export function triggersRuns(kind: string): boolean {
  return kind in FACTS;
}

/** The scopes some signals touched, each with the facts that touched it. */
export interface ScopeFacts {
  scope: Scope;
  facts: TriggerFact[];
}

/**
 * Which scopes new signals touch, and what they said. Keeps a cursor per fact table (row ids only
 * grow) and one on fact_history (corrections rewrite an old row and log it there), so each call
 * reads only what arrived since the last — from POST /signals, `autopromo ingest` or any other
 * process — without scanning the tables.
 */
export interface SignalScopes {
  /**
   * Scopes touched by rows stored or corrected since the last call, sorted, with their facts;
   * advances the cursors. `onlyIngests` keeps the facts of those ingests (a command's own).
   */
  next(onlyIngests?: readonly number[]): ScopeFacts[];
}

const keyOf = (s: Scope) => `${s.category}\u0000${s.market}`;

/** A summary row as a trigger fact of `kind`. */
function factOf(kind: string, r: SummaryRow, corrected: boolean): TriggerFact {
  const skus = (JSON.parse(r.skus) as string[]).sort();
  return {
    kind,
    market: r.market,
    skus: skus.slice(0, TRIGGER_FACT_SKUS),
    skuCount: skus.length,
    count: r.count,
    corrected: corrected ? r.count : 0,
    measure: r.measure,
    min: r.min,
    max: r.max,
    from: r.from,
    to: r.to,
    ingestId: r.ingestId,
  };
}

/** Adds `f` to `facts`, folded into the summary of the same kind, measure and ingest if any. */
function addFact(facts: TriggerFact[], f: TriggerFact): void {
  const same = facts.find(
    (x) => x.kind === f.kind && x.measure === f.measure && x.ingestId === f.ingestId,
  );
  if (!same) {
    facts.push(f);
    return;
  }
  // New rows and corrected ones of one ingest: one summary (the SKU count is a lower bound).
  const skus = [...new Set([...same.skus, ...f.skus])].sort();
  Object.assign(same, {
    skus: skus.slice(0, TRIGGER_FACT_SKUS),
    skuCount: Math.max(same.skuCount, f.skuCount, skus.length),
    count: same.count + f.count,
    corrected: same.corrected + f.corrected,
    min: Math.min(same.min, f.min),
    max: Math.max(same.max, f.max),
    from: same.from < f.from ? same.from : f.from,
    to: same.to > f.to ? same.to : f.to,
  });
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
      db.prepare(summarySql(f, "f.id > ? AND f.id <= ?")),
    ]),
  );
  const inList = new Map(
    Object.entries(FACTS).map(([kind, f]) => [
      kind,
      db.prepare(summarySql(f, "f.id IN (SELECT value FROM json_each(?))")),
    ]),
  );
  const corrections = db.prepare(
    "SELECT id, kind, fact_id AS factId FROM fact_history WHERE id > ? ORDER BY id LIMIT 10000",
  );

  return {
    next(onlyIngests) {
      const found: { kind: string; row: SummaryRow; corrected: boolean }[] = [];
      const before = new Map(cursors);
      for (const [kind, f] of Object.entries(FACTS)) {
        const from = cursors.get(f.table)!;
        const to = maxId(f.table);
        if (to > from)
          for (const row of inRange.get(kind)!.all(from, to) as SummaryRow[])
            found.push({ kind, row, corrected: false });
        cursors.set(f.table, to);
      }
      const corrected = new Map<string, number[]>();
      for (const c of corrections.all(historyCursor) as {
        id: number;
        kind: string;
        factId: number;
      }[]) {
        historyCursor = c.id;
        const table = FACTS[c.kind]?.table;
        // A row stored since the last call is read above, with its corrected values.
        if (!table || c.factId > before.get(table)!) continue;
        corrected.set(c.kind, [...(corrected.get(c.kind) ?? []), c.factId]);
      }
      for (const [kind, ids] of corrected)
        for (const row of inList.get(kind)!.all(JSON.stringify([...new Set(ids)])) as SummaryRow[])
          found.push({ kind, row, corrected: true });
      const only = onlyIngests ? new Set(onlyIngests) : null;
      const out = new Map<string, ScopeFacts>();
      for (const { kind, row, corrected: fixed } of found) {
        if (!row.category || (only && !only.has(row.ingestId))) continue;
        const scope = { category: row.category, market: row.market };
        const entry = out.get(keyOf(scope)) ?? { scope, facts: [] };
        addFact(entry.facts, factOf(kind, row, fixed));
        out.set(keyOf(scope), entry);
      }
      return [...out.values()].sort(
        (a, b) =>
          a.scope.category.localeCompare(b.scope.category) ||
          a.scope.market.localeCompare(b.scope.market),
      );
    },
  };
}
