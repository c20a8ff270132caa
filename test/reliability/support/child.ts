import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

/** A script under support/scripts run as `node --import tsx`, the way the CLI runs from a checkout. */
export function startScript(
  name: string,
  args: string[],
  env: Record<string, string> = {},
): ChildProcess {
  return spawn(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, "scripts", name), ...args],
    {
      cwd: join(import.meta.dirname, "..", "..", ".."),
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

export interface ScriptResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Waits for a child to end, collecting its output. */
export function finished(child: ChildProcess): Promise<ScriptResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

/** Resolves once the child prints `marker` on stdout (it has opened the database, say). */
export function printed(child: ChildProcess, marker: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    child.stdout?.on("data", (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(marker)) resolve();
    });
    child.on("close", () => reject(new Error(`child ended before printing ${marker}: ${seen}`)));
  });
}

/** The last JSON line a script printed. */
export function lastJson<T>(stdout: string): T {
  const line = stdout
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .at(-1);
  if (!line) throw new Error(`no JSON in child output: ${stdout}`);
  return JSON.parse(line) as T;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
