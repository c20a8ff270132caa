/** `name` as a quoted SQL identifier (doubled quotes inside). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * SQL written once for SQLite, as Postgres must run it to give the same rows: each `?` outside
 * a string literal becomes `$1`, `$2`, … in order, and `LIKE ?` becomes `ILIKE ? ESCAPE ''`
 * (SQLite's LIKE ignores ASCII case and has no escape character; the store's text columns are
 * COLLATE "C", so ILIKE folds ASCII only, as SQLite does).
 * @example toPg("SELECT record FROM decisions WHERE id LIKE ?") // "… id ILIKE $1 ESCAPE ''"
 */
export function toPg(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = "";
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    out += ch === "?" && !quoted ? `$${++n}` : ch;
  }
  return out.replace(/\bLIKE\s+(\$\d+)/g, "ILIKE $1 ESCAPE ''");
}
