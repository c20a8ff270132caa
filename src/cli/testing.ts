import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { steppingClock } from "../channels/testing.js";
import { liveTestCampaign, seedCatalog } from "../monitoring/testing.js";
import { openDb } from "../store/index.js";
import type { Output } from "./output.js";

/** A database file in a fresh temp folder, holding the test catalog and a live campaign `c-1`. */
export async function cliTestDb(prefix: string): Promise<{ dir: string; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), `autopromo-${prefix}-`));
  const path = join(dir, "a.db");
  const db = openDb(path);
  seedCatalog(db);
  await liveTestCampaign(db, "c-1", steppingClock("2025-02-20T10:00:00Z"));
  db.close();
  return { dir, path };
}

/** Runs the CLI in-process with these commands registered; everything it printed, errors included. */
export async function runCli(
  register: ((p: Command, out: Output) => void)[],
  args: string[],
): Promise<string> {
  const lines: string[] = [];
  const p = new Command("autopromo")
    .exitOverride()
    .configureOutput({ writeErr: (s) => lines.push(s), writeOut: (s) => lines.push(s) });
  const out: Output = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) };
  for (const r of register) r(p, out);
  await p.parseAsync(["node", "autopromo", ...args]);
  return lines.join("\n");
}
