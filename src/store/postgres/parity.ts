import type pg from "pg";
import type { Db } from "../db.js";
import { indexParts, sqliteTables, type UniqueKey } from "./sqlite-schema.js";

// Does the Postgres schema hold everything the SQLite one does? Read from both catalogs, not
// from the migration texts, so a migration added to one database alone shows up here.

/** A client or pool to run catalog queries on. */
export type PgQueryable = Pick<pg.Pool, "query">;

/** Postgres column types that read back what SQLite's type affinity stores. */
const COMPATIBLE: Record<string, readonly string[]> = {
  integer: ["bigint", "integer", "smallint"],
  text: ["text", "character varying"],
  blob: ["bytea"],
  real: ["double precision", "real"],
  numeric: ["numeric", "double precision", "bigint"],
};

/** SQLite's type affinity of a declared type (https://sqlite.org/datatype3.html, 3.1). */
export function affinity(declared: string): keyof typeof COMPATIBLE {
  const t = declared.toUpperCase();
  if (t.includes("INT")) return "integer";
  if (/CHAR|CLOB|TEXT/.test(t)) return "text";
  if (t === "" || t.includes("BLOB")) return "blob";
  if (/REAL|FLOA|DOUB/.test(t)) return "real";
  return "numeric";
}

/** A key part or condition reduced to the columns it names, so dialects compare equal. */
function columnsIn(text: string, columns: ReadonlySet<string>): string {
  // Literals and casts ('', ::text) are not columns, even where a column is named `text`.
  const bare = text
    .replace(/'[^']*'/g, "")
    .toLowerCase()
    .replace(/::\s*[a-z][a-z ]*/g, "");
  const names = (bare.match(/[a-z_][a-z0-9_]*/g) ?? []).filter((w) => columns.has(w));
  return [...new Set(names)].sort().join("+");
}

/** A unique key as comparable text: its parts' columns in order, then its condition's. */
function signature(k: Pick<UniqueKey, "parts" | "where">, columns: ReadonlySet<string>): string {
  const parts = k.parts.map((p) => columnsIn(p, columns)).join(", ");
  return k.where === null ? `(${parts})` : `(${parts}) where ${columnsIn(k.where, columns)}`;
}

interface PgColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: string;
}

/** Each Postgres table's columns and unique-key signatures in `schema`. */
async function postgresSide(pgdb: PgQueryable, schema: string) {
  const cols = await pgdb.query<PgColumn>(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable
       FROM information_schema.columns c
       JOIN information_schema.tables t
         ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE'`,
    [schema],
  );
  const tables = new Map<string, Map<string, PgColumn>>();
  for (const c of cols.rows) {
    const t = tables.get(c.table_name) ?? new Map<string, PgColumn>();
    t.set(c.column_name, c);
    tables.set(c.table_name, t);
  }
  const idx = await pgdb.query<{ table_name: string; def: string }>(
    `SELECT t.relname AS table_name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = $1 AND i.indisunique`,
    [schema],
  );
  const keys = new Map<string, Set<string>>();
  for (const r of idx.rows) {
    const names = new Set(tables.get(r.table_name)?.keys() ?? []);
    const sig = signature(indexParts(r.def, r.table_name), names);
    keys.set(r.table_name, (keys.get(r.table_name) ?? new Set()).add(sig));
  }
  return { tables, keys };
}

/**
 * What the Postgres schema `schema` lacks or holds differently from the SQLite store `sqlite`:
 * tables and columns on one side only, incompatible types, a NOT NULL only one side has, a
 * unique key (primary, UNIQUE or unique index, partial or not) with no counterpart on the same
 * columns, and applied migration versions that differ. Empty when they match.
 */
export async function schemaDifferences(
  sqlite: Db,
  pgdb: PgQueryable,
  schema: string,
): Promise<string[]> {
  const out: string[] = [];
  const pgSide = await postgresSide(pgdb, schema);
  const sqliteSide = sqliteTables(sqlite);
  for (const t of sqliteSide) {
    const pgCols = pgSide.tables.get(t.name);
    if (!pgCols) {
      out.push(`table ${t.name}: missing in Postgres`);
      continue;
    }
    for (const c of t.columns) {
      const p = pgCols.get(c.name);
      const where = `${t.name}.${c.name}`;
      if (!p) out.push(`column ${where}: missing in Postgres`);
      else {
        const aff = affinity(c.type);
        if (!COMPATIBLE[aff]!.includes(p.data_type))
          out.push(`column ${where}: SQLite ${c.type || "(none)"} vs Postgres ${p.data_type}`);
        const pgNotNull = p.is_nullable === "NO";
        if (c.notnull !== pgNotNull && !(pgNotNull && c.pk > 0))
          out.push(`column ${where}: NOT NULL in ${c.notnull ? "SQLite" : "Postgres"} only`);
      }
    }
    const names = new Set(t.columns.map((c) => c.name));
    for (const p of pgCols.keys())
      if (!names.has(p)) out.push(`column ${t.name}.${p}: missing in SQLite`);
    const pgKeys = pgSide.keys.get(t.name) ?? new Set<string>();
    for (const k of t.uniqueKeys) {
      const sig = signature(k, names);
      if (!pgKeys.has(sig)) out.push(`unique key ${k.name} ${sig}: no Postgres counterpart`);
    }
  }
  const known = new Set(sqliteSide.map((t) => t.name));
  for (const name of pgSide.tables.keys())
    if (!known.has(name)) out.push(`table ${name}: missing in SQLite`);
  out.push(...(await versionDifferences(sqlite, pgdb, schema)));
  return out;
}

/** Migration versions applied on one side only. */
async function versionDifferences(sqlite: Db, pgdb: PgQueryable, schema: string) {
  const lite = (
    sqlite.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]
  ).map((r) => r.version);
  const { rows } = await pgdb.query<{ version: number }>(
    `SELECT version FROM "${schema}".schema_migrations`,
  );
  const pgVersions = new Set(rows.map((r) => Number(r.version)));
  const liteVersions = new Set(lite);
  return [
    ...lite.filter((v) => !pgVersions.has(v)).map((v) => `migration ${v}: not in Postgres`),
    ...[...pgVersions]
      .filter((v) => !liteVersions.has(v))
      .map((v) => `migration ${v}: not in SQLite`),
  ];
}
