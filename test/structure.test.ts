import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Rules of the house a reviewer should not have to remember (issue #29): the checkpointer stays
// behind its port, better-sqlite3 is not patched, and state lives in objects passed down.

const ROOT = join(import.meta.dirname, "..");
const SRC = join(ROOT, "src");

/** Every TypeScript file under src/, as a path relative to the repository. */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith(".ts") ? [relative(ROOT, path)] : [];
  });
}

const files = sourceFiles();
const isTest = (file: string) => /\.test\.ts$|\.test-d\.ts$/.test(file);
const text = (file: string) => readFileSync(join(ROOT, file), "utf8");

/** Files outside src/checkpoint/ that may name the saver's class: the public export, wiring tests. */
const NAMES_SAVER = new Set(["src/index.ts", "src/cli/commands/runs.test.ts"]);

const COLLECTIONS = new Set(["Map", "WeakMap", "Set", "WeakSet"]);
const MUTATORS = new Set([
  "set",
  "add",
  "delete",
  "clear",
  "push",
  "pop",
  "shift",
  "unshift",
  "splice",
  "sort",
]);
const READERS = new Set(["get", "has", "size", "keys", "values", "entries", "forEach"]);

/** The outermost property access or element access chain starting at `id` (`a.b[c].d`). */
function chainTop(id: ts.Node): ts.Node {
  let n = id;
  while (
    (ts.isPropertyAccessExpression(n.parent) || ts.isElementAccessExpression(n.parent)) &&
    n.parent.expression === n
  )
    n = n.parent;
  return n;
}

/** How a use of a top-level constant treats it: read, mutated, or handed on (may be mutated). */
function useOf(id: ts.Identifier, collection: boolean): "read" | "mutated" | "escapes" {
  const top = chainTop(id);
  const parent = top.parent;
  const isAssign = (k: ts.SyntaxKind) =>
    k >= ts.SyntaxKind.FirstAssignment && k <= ts.SyntaxKind.LastAssignment;
  if (
    top !== id &&
    ts.isBinaryExpression(parent) &&
    parent.left === top &&
    isAssign(parent.operatorToken.kind)
  )
    return "mutated";
  if (
    top !== id &&
    (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) &&
    ts.isPropertyAccessExpression(top)
  )
    return "mutated";
  const member =
    ts.isPropertyAccessExpression(id.parent) && id.parent.expression === id
      ? id.parent.name.text
      : undefined;
  if (member && MUTATORS.has(member)) return "mutated";
  if (!collection) return "read";
  // A collection read through its own methods, spread or iterated is a lookup table.
  if (member && READERS.has(member)) return "read";
  if (ts.isSpreadElement(id.parent) || ts.isForOfStatement(id.parent)) return "read";
  return "escapes";
}

/** Top-level `let`/`var` names, and top-level constants the same source mutates or hands on. */
function moduleCaches(file: string, source = text(file)): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out = new Set<string>();
  const watched = new Map<string, { collection: boolean; decl: ts.Node }>();
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    const list = st.declarationList;
    const mutableBinding = (list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Using)) === 0;
    for (const d of list.declarations) {
      const name = d.name.getText(sf);
      if (mutableBinding) out.add(name);
      else if (d.initializer && ts.isIdentifier(d.name)) {
        const init = d.initializer;
        const collection = ts.isNewExpression(init) && COLLECTIONS.has(init.expression.getText(sf));
        // Typed read-only (ReadonlySet, ReadonlyMap) is a lookup table by declaration.
        const readonly = d.type !== undefined && /^Readonly/.test(d.type.getText(sf));
        if (!readonly) watched.set(name, { collection, decl: d.name });
      }
    }
  }
  const visit = (n: ts.Node): void => {
    const w = ts.isIdentifier(n) ? watched.get(n.text) : undefined;
    if (w && n !== w.decl && useOf(n as ts.Identifier, w.collection) !== "read")
      out.add((n as ts.Identifier).text);
    n.forEachChild(visit);
  };
  visit(sf);
  return [...out];
}

describe("structure", () => {
  it("keeps the SQLite saver's class behind src/checkpoint/", () => {
    const naming = files.filter((f) => !f.startsWith("src/checkpoint/") && !NAMES_SAVER.has(f));
    expect(naming.filter((f) => /\bSqliteCheckpointer\b/.test(text(f)))).toEqual([]);
  });

  it("never patches better-sqlite3's transaction", () => {
    expect(files.filter((f) => /\.transaction\s*=[^=]/.test(text(f)))).toEqual([]);
  });

  it("has no module-level mutable caches in src/", () => {
    // A memo lives in an object made with what it remembers (the database's state, an ingest's
    // harmoniser, a series view, a generator's run), so its lifetime is visible at the call site.
    const found = files
      .filter((f) => !isTest(f))
      .flatMap((f) => moduleCaches(f).map((n) => `${f}#${n}`));
    expect(found).toEqual([]);
  });

  it("finds what it looks for (the checks are not vacuous)", () => {
    const probe = [
      "let hits = 0;",
      "const seen = new Map<string, number>();",
      "export function f(k: string) { seen.set(k, 1); }",
      "const FIXED: ReadonlySet<string> = new Set(['a']);",
      "function g() { let local = 1; const m = new Map(); m.set(1, local); }",
      "const html = `let x = 1; const y = new Map(); y.set(1, 2);`;",
      "const last = { key: '' }; export const put = (k: string) => { last.key = k; };",
      "const memo = new Map(); const remember = (m: Map<string, number>) => m; remember(memo);",
      "const LOOKUP = new Map([['a', 1]]); export const one = (k: string) => LOOKUP.get(k) ?? [...LOOKUP.keys()].length;",
    ].join("\n");
    expect(moduleCaches("probe.ts", probe).sort()).toEqual(["hits", "last", "memo", "seen"]);
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain("src/checkpoint/saver.ts");
  });
});
