import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { EvalError } from "./errors.js";

/** The real-data folder: `--data`, else env AUTOPROMO_DATA_DIR, else `../shared/data` from the working directory. */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(explicit ?? env.AUTOPROMO_DATA_DIR ?? "../shared/data");
}

/** The path of a file inside the data folder, or a DATA_MISSING error (the suite is then skipped). */
export function requireData(dataDir: string, ...parts: string[]): string {
  const p = join(dataDir, ...parts);
  if (!existsSync(p))
    throw new EvalError("DATA_MISSING", `${p} not found (set --data or AUTOPROMO_DATA_DIR)`);
  return p;
}
