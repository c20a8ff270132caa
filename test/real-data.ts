import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** `AUTOPROMO_DATA_DIR`/<name>, else ../shared/data/<name> beside the repo; undefined when absent. */
export function realDataDir(name: string): string | undefined {
  const base = process.env.AUTOPROMO_DATA_DIR ?? join(repoRoot, "..", "shared", "data");
  const dir = join(base, name);
  if (existsSync(dir)) return dir;
  console.warn(
    `skipping: real data ${dir} is missing (set AUTOPROMO_DATA_DIR to the folder holding ${name}/)`,
  );
  return undefined;
}

/**
 * A slice of Breakfast at the Frat in `dir`: the first `stores` stores of one state, every
 * product, and their transactions — the same files, a twentieth of the rows.
 */
export function fratSlice(frat: string, dir: string, state = "OH", stores = 6): string {
  mkdirSync(dir, { recursive: true });
  const lines = readFileSync(join(frat, "stores.csv"), "utf8").split("\n");
  const kept = new Set(
    lines
      .slice(1)
      .filter((l) => l.split(",")[3] === state)
      .slice(0, stores)
      .map((l) => l.split(",")[0]),
  );
  const keep = (l: string, i: number, col: number) => i === 0 || kept.has(l.split(",")[col]!);
  writeFileSync(join(dir, "stores.csv"), lines.filter((l, i) => keep(l, i, 0)).join("\n"));
  writeFileSync(join(dir, "products.csv"), readFileSync(join(frat, "products.csv"), "utf8"));
  const tx = readFileSync(join(frat, "transactions.csv"), "utf8").split("\n");
  writeFileSync(join(dir, "transactions.csv"), tx.filter((l, i) => keep(l, i, 1)).join("\n"));
  return dir;
}
