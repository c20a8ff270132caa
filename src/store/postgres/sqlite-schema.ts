import type { Db } from "../db.js";

// The SQLite store's schema as data, read from sqlite_master and the table pragmas: what the
// parity check compares with Postgres and what the migration command copies.

/** One column: its name, declared type, NOT NULL, place in the primary key (0: none). */
export interface SqliteColumn {
  name: string;
  type: string;
  notnull: boolean;
  pk: number;
}

/** A unique key: the text of each key part, the partial index's condition if any. */
export interface UniqueKey {
  name: string;
  parts: string[];
  where: string | null;
}

/** A table of the store: columns, unique keys, and the tables its foreign keys point at. */
export interface SqliteTable {
  name: string;
  columns: SqliteColumn[];
  uniqueKeys: UniqueKey[];
  references: string[];
}

/**
 * True for a table that is part of the store's schema: not SQLite's own (`sqlite_*`), and not
 * a bulk ingest's stage (`stage_<table>`, created on demand, holding unpublished rows).
 */
export function isSchemaTable(name: string): boolean {
  return !name.startsWith("sqlite_") && !name.startsWith("stage_");
}

/** The text between the parenthesis at `open` and its match, and what follows the match. */
export function enclosed(sql: string, open: number): { inner: string; rest: string } {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < sql.length; i++) {
    const ch = sql[i]!;
    if (ch === "'") quoted = !quoted;
    if (quoted) continue;
    if (ch === "(") depth++;
    if (ch === ")" && --depth === 0)
      return { inner: sql.slice(open + 1, i), rest: sql.slice(i + 1) };
  }
  throw new Error(`unbalanced parentheses in ${sql}`);
}

/** Splits at commas outside parentheses and quotes. */
export function splitTopLevel(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let part = "";
  for (const ch of list) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && ch === "(") depth++;
    if (!quoted && ch === ")") depth--;
    if (!quoted && depth === 0 && ch === ",") {
      out.push(part.trim());
      part = "";
    } else part += ch;
  }
  if (part.trim()) out.push(part.trim());
  return out;
}

/** A `CREATE UNIQUE INDEX … ON t(…) [WHERE …]` statement's key parts and condition. */
export function indexParts(sql: string, table: string): { parts: string[]; where: string | null } {
  const on = sql.search(
    new RegExp(`\\bON\\s+("?[\\w.]*${table}"?)\\s*(USING\\s+\\w+\\s*)?\\(`, "i"),
  );
  const open = sql.indexOf("(", on);
  const { inner, rest } = enclosed(sql, open);
  const where = /\bWHERE\b([\s\S]*)$/i.exec(rest)?.[1]?.trim() ?? null;
  return { parts: splitTopLevel(inner), where };
}

type IndexRow = { name: string; unique: number; origin: string; partial: number };

/** The unique keys of `table`: its primary key, UNIQUE constraints and unique indexes. */
function uniqueKeys(db: Db, table: string, columns: SqliteColumn[]): UniqueKey[] {
  const pk = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  const keys: UniqueKey[] = pk.length
    ? [{ name: `${table} primary key`, parts: pk.map((c) => c.name), where: null }]
    : [];
  const indexes = db.prepare(`PRAGMA index_list(${JSON.stringify(table)})`).all() as IndexRow[];
  for (const ix of indexes) {
    if (!ix.unique || ix.origin === "pk") continue;
    const sql = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?")
      .get(ix.name) as { sql: string | null } | undefined;
    if (sql?.sql) keys.push({ name: ix.name, ...indexParts(sql.sql, table) });
    else {
      const cols = db.prepare(`PRAGMA index_info(${JSON.stringify(ix.name)})`).all() as {
        name: string;
      }[];
      keys.push({ name: ix.name, parts: cols.map((c) => c.name), where: null });
    }
  }
  return keys;
}

/** Every table of the store's schema with its columns, unique keys and references. */
export function sqliteTables(db: Db): SqliteTable[] {
  const names = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  )
    .map((r) => r.name)
    .filter(isSchemaTable);
  return names.map((name) => {
    const q = JSON.stringify(name);
    const columns = (
      db.prepare(`PRAGMA table_info(${q})`).all() as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[]
    ).map((c) => ({ name: c.name, type: c.type, notnull: c.notnull === 1, pk: c.pk }));
    const refs = db.prepare(`PRAGMA foreign_key_list(${q})`).all() as { table: string }[];
    return {
      name,
      columns,
      uniqueKeys: uniqueKeys(db, name, columns),
      references: [...new Set(refs.map((r) => r.table))].filter((t) => t !== name),
    };
  });
}

/** The tables in an order where each comes after every table it references. */
export function inReferenceOrder(tables: SqliteTable[]): SqliteTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const out: SqliteTable[] = [];
  const seen = new Set<string>();
  const visit = (t: SqliteTable, path: string[]) => {
    if (seen.has(t.name)) return;
    if (path.includes(t.name))
      throw new Error(`reference cycle: ${[...path, t.name].join(" -> ")}`);
    for (const r of t.references) {
      const parent = byName.get(r);
      if (parent) visit(parent, [...path, t.name]);
    }
    seen.add(t.name);
    out.push(t);
  };
  for (const t of tables) visit(t, []);
  return out;
}
