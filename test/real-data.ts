import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** `AUTOPROMO_DATA_DIR`/<name>, else ../shared/data/<name> beside the repo; undefined when absent. */
export function realDataDir(name: string): string | undefined {
  const base = process.env.AUTOPROMO_DATA_DIR ?? join(repoRoot, "..", "shared", "data");
  const dir = join(base, name);
  if (existsSync(dir)) return dir;
  console.warn(`skipping: real data ${dir} is missing (set AUTOPROMO_DATA_DIR to the folder holding ${name}/)`);
  return undefined;
}
