/** `name` as a quoted SQL identifier (doubled quotes inside). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * SQL written once with SQLite's `?` placeholders, for pg: each `?` outside a string literal
 * becomes `$1`, `$2`, … in order. Queries shared by both adapters use positional `?` only.
 * @example toPg("SELECT * FROM t WHERE a = ? AND b = '?'") // "… a = $1 AND b = '?'"
 */
export function toPg(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = "";
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    out += ch === "?" && !quoted ? `$${++n}` : ch;
  }
  return out;
}
