import type { Statement } from "better-sqlite3";
import { stateOf } from "./connection.js";
import type { Db } from "./db.js";

/**
 * ` AND <condition>` for each filter whose value is set, to splice into a WHERE clause.
 * Optional filters written `(@x IS NULL OR col = @x)` hide every index on `col` from SQLite's
 * planner (it plans before it sees the values), turning a seek into a scan; so the conditions
 * of unset filters are left out instead. Values still travel as bound parameters.
 * @example db.prepare(`SELECT … WHERE week <= @asOf${andSet(q, { sku: "s.sku = @sku" })}`).all({ asOf, ...q })
 */
export function andSet<T extends object>(
  values: T,
  conditions: { [K in keyof T]?: string },
): string {
  return (Object.entries(conditions) as [keyof T, string][])
    .filter(([key]) => values[key] !== undefined && values[key] !== null)
    .map(([, sql]) => ` AND ${sql}`)
    .join("");
}

/**
 * The distinct markets that have sales, by one index seek per market (a loose index scan over
 * sales_market_week) rather than a scan of every sale.
 */
export const SALES_MARKETS_SQL = `WITH RECURSIVE sales_markets(id) AS (
  SELECT min(market_id) FROM sales
  UNION ALL SELECT (SELECT min(market_id) FROM sales WHERE market_id > sales_markets.id) FROM sales_markets WHERE sales_markets.id IS NOT NULL
) SELECT id FROM sales_markets WHERE id IS NOT NULL`;

/**
 * `db.prepare(sql)`, compiled once per connection and SQL text (kept in its ConnectionState): the agents' per-scope reads run
 * the same few dozen statements on every run, and compiling them cost more than running them.
 * Only for statements used plainly (`.get/.all/.run`): `.pluck()`, `.raw()` or a live `.iterate()`
 * would change or lock the shared statement.
 */
export function prepared(db: Db, sql: string): Statement {
  const byText = stateOf(db).statements;
  let st = byText.get(sql);
  if (!st) byText.set(sql, (st = db.prepare(sql)));
  return st;
}

/**
 * `db.prepare(sql).raw()`, compiled once per connection and SQL text: rows come back as arrays of
 * column values. For reads of many rows, where building an object per row is most of the cost.
 * Only for `.all/.get`, like `prepared`.
 */
export function preparedRaw(db: Db, sql: string): Statement {
  const byText = stateOf(db).rawStatements;
  let st = byText.get(sql);
  if (!st) byText.set(sql, (st = db.prepare(sql).raw(true)));
  return st;
}
