import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it, vi } from "vitest";
import { registerStartCommand } from "./start.js";

// Issue #6's main job: `npm start` (autopromo start --demo) runs the service on the demo market and
// prints the URL and, on the very first start only, an admin token that works.

const dir = mkdtempSync(join(tmpdir(), "autopromo-start-cli-"));
const db = join(dir, "start.db");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `autopromo start …` in-process until it serves; returns its output and a stop function (what Ctrl+C does). */
async function start(args: string[]) {
  const lines: string[] = [];
  const out = { out: (t: string) => void lines.push(t), err: (t: string) => void lines.push(t) };
  const program = new Command("autopromo").exitOverride();
  registerStartCommand(program, out);
  const before = new Set(process.listeners("SIGTERM"));
  await program.parseAsync(["node", "autopromo", "start", "--db", db, "--port", "0", "--every", "off", "--deliver-every", "off", ...args]);
  const handler = process.listeners("SIGTERM").find((l) => !before.has(l))!;
  const stop = async () => {
    // The command exits the process once stopped; here it only reports.
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    try {
      handler("SIGTERM");
      for (let i = 0; i < 500 && !lines.some((l) => / stopped$/.test(l)); i++) await new Promise((r) => setTimeout(r, 20));
      expect(exit).toHaveBeenCalledWith(0);
    } finally {
      exit.mockRestore();
      for (const sig of ["SIGINT", "SIGTERM"] as const) for (const l of process.listeners(sig)) if (!before.has(l)) process.removeListener(sig, l);
    }
  };
  return { text: lines.join("\n"), stop };
}

describe("autopromo start (npm start)", () => {
  it("loads the demo market, runs the first cycle with its summary, prints the URL and a first admin token that works; later starts do not print one", async () => {
    const first = await start(["--demo"]);
    expect(first.text).toMatch(/demo market loaded into .*start\.db: [\d,]+ new records/);
    expect(first.text).toMatch(/planted situations for the agents to find: /);
    expect(first.text).toMatch(/\d+ scopes: \d+ executed, \d+ awaiting approval, \d+ blocked\. 'autopromo explain <id>' gives the numbers behind each\./);
    const url = /autopromo is running: dashboard and API on (http:\/\/127\.0\.0\.1:\d+)/.exec(first.text)?.[1];
    const token = /First start: an admin token for this machine \(keep it; it is not shown again\):\n\s+(apt_\S+)/.exec(first.text)?.[1];
    expect(url).toBeDefined();
    expect(token).toBeDefined();
    expect((await fetch(`${url}/`)).status).toBe(200);
    const decisions = await fetch(`${url}/decisions`, { headers: { Authorization: `Bearer ${token}` } });
    expect(decisions.status).toBe(200);
    // The first cycle ran before the server listened: its decisions are there.
    expect(((await decisions.json()) as { decisions: unknown[] }).decisions.length).toBeGreaterThan(0);
    expect((await fetch(`${url}/audit`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200); // admin
    await first.stop();

    const again = await start(["--demo", "--no-first-cycle"]);
    expect(again.text).toMatch(/demo market already in/);
    expect(again.text).not.toMatch(/apt_/);
    expect(again.text).toMatch(/Admin token: created on the first start and not shown again; for a fresh one: npx autopromo token create --role admin/);
    await again.stop();
  }, 180_000);
});
