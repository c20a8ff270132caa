import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const routes = join(root, "src/server/routes");
const store = join(root, "src/store");

/** Every module a file imports or re-exports, static or dynamic, resolved from the file. */
export function importsOf(file: string, text: string): string[] {
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)].map(
    (m) => m[1]!,
  );
  return specs.filter((s) => s.startsWith(".")).map((s) => resolve(dirname(file), s));
}

/** The route files that reach the store: imports under src/store, or SQL prepared in the route. */
function storeReaches(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".ts"))) {
    const file = join(dir, name);
    const text = readFileSync(file, "utf8");
    const where = relative(root, file);
    for (const target of importsOf(file, text))
      if (target === store || target.startsWith(`${store}/`))
        out.push(`${where} imports ${relative(root, target)}`);
    if (/\.prepare\s*\(|\.exec\s*\(\s*["'`]/.test(text)) out.push(`${where} runs SQL itself`);
  }
  return out;
}

describe("structure: routes call services, not the store", () => {
  it("no file in src/server/routes imports from src/store or prepares SQL", () => {
    expect(storeReaches(routes)).toEqual([]);
  });

  it("the check sees a store import, a dynamic one and SQL", () => {
    const file = join(routes, "x.ts");
    expect(importsOf(file, 'import type { Db } from "../../store/index.js";')).toEqual([
      join(store, "index.js"),
    ]);
    expect(importsOf(file, 'const m = await import("../../store/db.js");')).toEqual([
      join(store, "db.js"),
    ]);
    expect(importsOf(file, 'export { openDb } from "../../store/index.js";')).toEqual([
      join(store, "index.js"),
    ]);
  });
});
