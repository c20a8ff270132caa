import type { Db } from "../store/index.js";
import { GraphError } from "./errors.js";

/** A category × market a run plans for. */
export interface Scope {
  category: string;
  market: string;
}

/** Edit distance (insert, delete, substitute), case-insensitive: how far a typo is from a name. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const sub = prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1);
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, sub));
    }
    prev = row;
  }
  return prev[y.length]!;
}

/**
 * Every option, the closest to `word` first (a shared prefix counts as close), ties in
 * alphabetical order, so the name the user meant leads the list.
 */
export function closestFirst(word: string, options: readonly string[]): string[] {
  const w = word.toLowerCase();
  const score = (o: string) => {
    const l = o.toLowerCase();
    const near = l.startsWith(w) || w.startsWith(l) ? 0 : 1;
    return Math.min(distance(word, o), near === 0 ? 1 : Infinity);
  };
  return [...options].sort((a, b) => score(a) - score(b) || a.localeCompare(b));
}

const list = (word: string, options: readonly string[]) => closestFirst(word, options).join(", ");

/**
 * Why a scope cannot be planned (unknown category or market, or no sales of that category
 * there), naming the valid values closest first; null when it can be. `sales: false` checks the
 * names only (a thread may be created before its sales are ingested).
 */
export function scopeProblem(db: Db, scope: Scope, o: { sales?: boolean } = {}): string | null {
  const categories = (
    db.prepare("SELECT DISTINCT category FROM products ORDER BY category").all() as {
      category: string;
    }[]
  ).map((r) => r.category);
  const markets = (db.prepare("SELECT id FROM markets ORDER BY id").all() as { id: string }[]).map(
    (r) => r.id,
  );
  const badCategory = !categories.includes(scope.category);
  const badMarket = !markets.includes(scope.market);
  const parts: string[] = [];
  if (badCategory) {
    parts.push(
      categories.length === 0
        ? `unknown category ${JSON.stringify(scope.category)}: the catalog has no products yet (ingest products first)`
        : `unknown category ${JSON.stringify(scope.category)}; valid categories: ${list(scope.category, categories)}`,
    );
  }
  if (badMarket) {
    parts.push(
      markets.length === 0
        ? `unknown market ${JSON.stringify(scope.market)}: no markets are stored yet (ingest markets first)`
        : `unknown market ${JSON.stringify(scope.market)}; valid markets: ${list(scope.market, markets)}`,
    );
  }
  if (parts.length > 0) return parts.join("; ");
  if (o.sales === false) return null;
  const sold = db
    .prepare(
      "SELECT 1 FROM sales s JOIN products p ON p.sku = s.sku WHERE p.category = ? AND s.market_id = ? LIMIT 1",
    )
    .get(scope.category, scope.market);
  if (sold) return null;
  const where = (
    db
      .prepare(
        "SELECT DISTINCT s.market_id AS m FROM sales s JOIN products p ON p.sku = s.sku WHERE p.category = ? ORDER BY 1",
      )
      .all(scope.category) as { m: string }[]
  ).map((r) => r.m);
  return `no sales of ${scope.category} in ${scope.market} are stored; ${where.length ? `markets with sales of ${scope.category}: ${where.join(", ")}` : `no market has sales of ${scope.category}`}`;
}

/** Throws INVALID_INPUT, storing nothing, when the scope cannot be planned (see {@link scopeProblem}). */
export function assertKnownScope(db: Db, scope: Scope): void {
  const problem = scopeProblem(db, scope);
  if (problem) throw new GraphError("INVALID_INPUT", problem);
}
