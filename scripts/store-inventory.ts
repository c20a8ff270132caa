// The synchronous store API by folder of src/, as docs/scale-out.md shows it: where the SQLite
// calls are (prepare, exec, transaction) and which exported functions take the database handle,
// synchronous or not. What an async storage port (issue #31) has to reach.
// Usage: npx tsx scripts/store-inventory.ts
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

const ROOT = join(import.meta.dirname, "..");
const SRC = join(ROOT, "src");

interface Row {
  files: Set<string>;
  prepare: number;
  execOrTx: number;
  syncFns: number;
  asyncFns: number;
}

/** Non-test TypeScript files under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** True when a parameter list names the store's handle type (`Db`, or an object holding one). */
const takesDb = (params: ts.NodeArray<ts.ParameterDeclaration>, sf: ts.SourceFile) =>
  params.some((p) => /\bDb\b|\bdb\b/.test(p.getText(sf)));

/** True when `node` carries the modifier `kind` (export, async). */
const has = (node: ts.Node, kind: ts.SyntaxKind) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);

/** Exported functions (declarations and `const f = (…) =>`) that take the database. */
function storeFunctions(sf: ts.SourceFile): { sync: number; async: number } {
  const out = { sync: 0, async: 0 };
  const count = (fn: ts.SignatureDeclaration & { body?: ts.Node }) => {
    if (!takesDb(fn.parameters, sf)) return;
    const isAsync =
      has(fn, ts.SyntaxKind.AsyncKeyword) || /^Promise</.test(fn.type?.getText(sf) ?? "");
    if (isAsync) out.async++;
    else out.sync++;
  };
  for (const st of sf.statements) {
    if (!has(st, ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isFunctionDeclaration(st)) count(st);
    if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations)
        if (d.initializer && ts.isArrowFunction(d.initializer)) count(d.initializer);
  }
  return out;
}

const rows = new Map<string, Row>();
for (const file of sources(SRC)) {
  const text = readFileSync(file, "utf8");
  const rel = relative(SRC, file);
  const folder = rel.includes("/") ? rel.split("/")[0]! : "(root)";
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const fns = storeFunctions(sf);
  const prepare = (text.match(/\.prepare\(/g) ?? []).length;
  const execOrTx = (text.match(/\bdb\.(exec|transaction)\(/g) ?? []).length;
  if (!prepare && !execOrTx && !fns.sync && !fns.async) continue;
  const row = rows.get(folder) ?? {
    files: new Set(),
    prepare: 0,
    execOrTx: 0,
    syncFns: 0,
    asyncFns: 0,
  };
  if (prepare || execOrTx) row.files.add(rel);
  row.prepare += prepare;
  row.execOrTx += execOrTx;
  row.syncFns += fns.sync;
  row.asyncFns += fns.async;
  rows.set(folder, row);
}

const sorted = [...rows].sort(([, a], [, b]) => b.prepare - a.prepare || b.syncFns - a.syncFns);
const total = { files: 0, prepare: 0, execOrTx: 0, syncFns: 0, asyncFns: 0 };
console.log("| folder | files | prepare | exec/tx | sync fns(db) | async fns(db) |");
console.log("|---|--:|--:|--:|--:|--:|");
for (const [folder, r] of sorted) {
  const cells = [r.files.size, r.prepare, r.execOrTx, r.syncFns, r.asyncFns];
  console.log(`| ${folder} | ${cells.join(" | ")} |`);
  total.files += r.files.size;
  total.prepare += r.prepare;
  total.execOrTx += r.execOrTx;
  total.syncFns += r.syncFns;
  total.asyncFns += r.asyncFns;
}
const t = [total.files, total.prepare, total.execOrTx, total.syncFns, total.asyncFns];
console.log(`| **all** | ${t.join(" | ")} |`);
