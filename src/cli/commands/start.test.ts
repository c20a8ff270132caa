import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
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
  await program.parseAsync([
    "node",
    "autopromo",
    "start",
    "--db",
    db,
    "--port",
    "0",
    "--every",
    "off",
    "--deliver-every",
    "off",
    ...args,
  ]);
  const handler = process.listeners("SIGTERM").find((l) => !before.has(l))!;
  const stop = async () => {
    // The command exits the process once stopped; here it only reports.
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    try {
      handler("SIGTERM");
      for (let i = 0; i < 500 && !lines.some((l) => / stopped$/.test(l)); i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(exit).toHaveBeenCalledWith(0);
    } finally {
      exit.mockRestore();
      for (const sig of ["SIGINT", "SIGTERM"] as const)
        for (const l of process.listeners(sig)) if (!before.has(l)) process.removeListener(sig, l);
    }
  };
  return { text: lines.join("\n"), stop };
}

/** Campaigns, launches of the same campaign again, and pending approval requests per scope. */
function counts() {
  const d = new Database(db, { readonly: true });
  try {
    return {
      campaigns: (d.prepare("SELECT count(*) AS n FROM campaigns").get() as { n: number }).n,
      duplicateCampaigns: d
        .prepare(
          `SELECT category, markets, start_date, end_date, json_extract(proposal, '$.scope.skus') AS skus, json_extract(proposal, '$.mechanic') AS mechanic, count(*) AS n FROM campaigns
          GROUP BY 1, 2, 3, 4, 5, 6 HAVING n > 1`,
        )
        .all(),
      pendingPerScope: d
        .prepare(
          `SELECT d.category, d.market, count(DISTINCT r.id) AS n FROM approval_requests r JOIN decisions d ON d.approval_request_id = r.id
          WHERE r.status = 'pending' GROUP BY 1, 2`,
        )
        .all() as { category: string; market: string; n: number }[],
      offers: d
        .prepare(
          `SELECT c.id, m.value AS market, s.value AS sku, c.start_date AS start, c.end_date AS "end" FROM campaigns c,
           json_each(c.markets) m, json_each(json_extract(c.proposal, '$.scope.skus')) s ORDER BY c.id`,
        )
        .all() as { id: string; market: string; sku: string; start: string; end: string }[],
    };
  } finally {
    d.close();
  }
}

describe("autopromo start (npm start)", () => {
  it("loads the demo market, runs the first cycle with its summary, prints the URL and a first admin token that works; later starts do not print one", async () => {
    const first = await start(["--demo"]);
    expect(first.text).toMatch(/demo market loaded into .*start\.db: [\d,]+ new records/);
    expect(first.text).toMatch(/planted situations for the agents to find: /);
    expect(first.text).toMatch(
      /\d+ scopes: \d+ executed, \d+ awaiting approval, \d+ blocked, \d+ failed\.\n'autopromo explain <id>' gives the numbers behind each/,
    );
    // The first cycle's summary fits 100 columns (issue #27).
    expect(first.text.split("\n").filter((l) => l.length > 100)).toEqual([]);
    // No escape codes when the output is not a terminal (a file, a log, this test).
    // eslint-disable-next-line no-control-regex
    expect(first.text).not.toMatch(/\u001b\[/);
    // Says what it does from the first second: the demo load, then the first cycle line by line.
    expect(first.text.split("\n")[0]).toMatch(/^loading the demo market into /);
    expect(first.text).toMatch(/first cycle: \d+ scopes…/);
    const url = /autopromo is running: dashboard and API on (http:\/\/127\.0\.0\.1:\d+)/.exec(
      first.text,
    )?.[1];
    const token =
      /First start: an admin token for this machine \(keep it; it is not shown again\):\n\s+(apt_\S+)/.exec(
        first.text,
      )?.[1];
    expect(url).toBeDefined();
    expect(token).toBeDefined();
    expect((await fetch(`${url}/`)).status).toBe(200);
    const decisions = await fetch(`${url}/decisions`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(decisions.status).toBe(200);
    // The first cycle ran before the server listened: its decisions are there.
    expect(((await decisions.json()) as { decisions: unknown[] }).decisions.length).toBeGreaterThan(
      0,
    );
    expect(
      (await fetch(`${url}/audit`, { headers: { Authorization: `Bearer ${token}` } })).status,
    ).toBe(200); // admin
    await first.stop();

    const launched = counts();
    // A restart runs its first cycle again on the same data: nothing launched twice, no scope
    // that awaits approval escalated again (issue #27: 32 live after two starts, 8–12 pending).
    const again = await start(["--demo"]);
    expect(again.text).toMatch(/demo market already in/);
    const after = counts();
    expect(after.duplicateCampaigns).toEqual([]);
    // Nor a new campaign for a SKU × market the first start already promotes, on other dates.
    const promoted = new Set(launched.offers.map((o) => `${o.sku}|${o.market}`));
    const before = new Set(launched.offers.map((o) => o.id));
    expect(
      after.offers.filter((o) => !before.has(o.id) && promoted.has(`${o.sku}|${o.market}`)),
    ).toEqual([]);
    expect(after.pendingPerScope.filter((p) => p.n > 1)).toEqual([]);
    // Nor another round on the scopes' other SKUs: a cycle launches in a scope once a week.
    expect(after.campaigns).toBe(launched.campaigns);
    if (launched.campaigns > 0)
      expect(again.text).toMatch(
        /not planned again: \d+ scope\(s\) a cycle launched in within the last 7 days/,
      );
    expect(again.text).not.toMatch(/apt_/);
    expect(again.text).toMatch(
      /Admin token: created on the first start and not shown again; for a fresh one:\n\s+npx autopromo token create --role admin/,
    );
    await again.stop();
  }, 180_000);
});
