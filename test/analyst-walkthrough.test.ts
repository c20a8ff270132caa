import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { registerIngestCommand } from "../src/cli/commands/ingest.js";
import { registerInitCommand } from "../src/cli/commands/init.js";
import { registerRunCommands } from "../src/cli/commands/run.js";
import { scratchDir } from "./helpers.js";
import { fratSlice } from "./real-data.js";

// Issue #27 item 5: the documented walk-through on Breakfast at the Frat, run command by command
// as docs/analyst.md gives it. By default on a slice of the data (six Ohio stores, every
// product and week); AUTOPROMO_SLOW_TESTS=1 runs it on the whole file.

const FRAT = new URL("../../shared/data/breakfast-at-the-frat/", import.meta.url).pathname;
const doc = readFileSync(new URL("../docs/analyst.md", import.meta.url), "utf8");
const tmp = scratchDir();
afterAll(() => tmp.cleanup());

/** The commands of the walk-through block, split into arguments as a shell would. */
function walkthrough(): string[][] {
  const block = /<!-- walkthrough:[^>]*-->\s*```sh\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error("docs/analyst.md has no walkthrough block");
  return block
    .trim()
    .split("\n")
    .map((line) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!));
}

/** Ohio's stores and what they sold: the same files, a twentieth of the rows. */
const slice = () => fratSlice(FRAT, join(tmp.dir, "frat"));

async function cli(args: string[]): Promise<{ text: string; code: number }> {
  const lines: string[] = [];
  const out = { out: (t: string) => void lines.push(t), err: (t: string) => void lines.push(t) };
  const p = new Command("autopromo")
    .exitOverride()
    .configureOutput({ writeOut: (s) => void lines.push(s), writeErr: (s) => void lines.push(s) });
  registerInitCommand(p, out);
  registerIngestCommand(p, out);
  registerRunCommands(p, out);
  const before = process.exitCode;
  try {
    await p.parseAsync(["node", "autopromo", ...args]);
    const code = Number(process.exitCode ?? 0);
    process.exitCode = before;
    return { text: lines.join("\n"), code };
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    return { text: lines.join("\n"), code: e.exitCode };
  }
}

describe("docs/analyst.md walk-through on Breakfast at the Frat", () => {
  it("ingests, plans a historical week, lists and explains the decision, as documented", async () => {
    const full = process.env.AUTOPROMO_SLOW_TESTS === "1";
    const data = full ? FRAT : slice();
    const db = join(tmp.dir, "frat.db");
    const steps = walkthrough();
    expect(steps.map((s) => s[2])).toEqual(["init", "ingest", "run", "decisions", "explain"]);
    let decision = "";
    const said: string[] = [];
    for (const step of steps) {
      const args = step
        .slice(2)
        .map((a) =>
          a === "frat.db"
            ? db
            : a === "../shared/data/breakfast-at-the-frat"
              ? data
              : a === "<decision>"
                ? decision
                : a,
        );
      const r = await cli(args);
      said.push(r.text);
      expect(r.code, `${step.join(" ")}\n${r.text}`).toBeLessThanOrEqual(
        step[2] === "ingest" ? 2 : 0,
      );
      if (step[2] === "run")
        decision = /COLD CEREAL \/ US-OH\s*│[^\n]*\n│ ([0-9a-f]{6}) /.exec(r.text)?.[1] ?? "";
      if (step[2] === "run") expect(decision).toMatch(/^[0-9a-f]{6}$/);
    }
    const [, ingest, run = "", decisions, explain = ""] = said;
    expect(ingest).toMatch(/transactions\.csv/);
    for (const text of said) expect(text.split("\n").filter((l) => l.length > 100)).toEqual([]);
    expect(run).not.toMatch(/no recent sales|the sales data ends/);
    expect(run.replace(/\s+/g, " ")).toMatch(
      /no promotion: no inventory feed for COLD CEREAL in US-OH on or before 2011-06-01/,
    );
    expect(decisions).toMatch(new RegExp(`dec-COLD_CEREAL-US-OH-\\d{14}-${decision}`));
    const flat = explain.replace(/\s+/g, " ");
    expect(flat).toMatch(/Recommend no promotion for COLD CEREAL in US-OH/);
    expect(flat).toMatch(/Outcome: no_action — no promotion: no inventory feed/);
    // Without --as-of, the same data gets the note that it ends long before the clock.
    const today = await cli([
      "run",
      "--db",
      db,
      "--category",
      "COLD CEREAL",
      "--market",
      "US-OH",
      "--json",
    ]);
    expect(today.text).toMatch(
      /the sales data ends on 2011-06-01, [\d,]+ days before the planning date/,
    );
    expect(today.text).toMatch(/pass --as-of 2011-06-01/);
  }, 600_000);
});
