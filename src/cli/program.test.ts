import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scratchDir } from "../../test/helpers.js";
import { buildProgram } from "./program.js";

const exec = promisify(execFile);
let tmp: ReturnType<typeof scratchDir>;
let db: string;

/** Runs the CLI in-process and returns what it printed. */
async function cli(...args: string[]): Promise<{ out: string; err: string; exitCode: number }> {
  const out: string[] = [];
  const err: string[] = [];
  process.exitCode = 0;
  const program = buildProgram({ out: (t) => out.push(t), err: (t) => err.push(t) }).exitOverride();
  await program.parseAsync(["node", "autopromo", ...args, "--db", db]);
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out: out.join("\n"), err: err.join("\n"), exitCode };
}

beforeEach(() => {
  tmp = scratchDir();
  db = `${tmp.dir}/cli.db`;
});
afterEach(() => tmp.cleanup());

describe("autopromo CLI", () => {
  it("ingests reference data and sales, reports rejections with exit 2, and re-runs safely", async () => {
    await cli(
      "ingest",
      "market",
      tmp.file("m.csv", "id,region,currency,time_zone\nUK,United Kingdom,GBP,Europe/London\n"),
    );
    await cli("ingest", "location", tmp.file("l.csv", "id,market_id\nL1,UK\n"));
    await cli("ingest", "product", tmp.file("p.csv", "sku,name,category\nS1,Tea,DRINKS\n"));
    const sales = tmp.file(
      "s.csv",
      "sku,location,date,units,price_paid\nS1,L1,2024-01-02,3,1.5\nS1,L1,2024-01-03,-1,1.5\n",
    );

    const first = await cli("ingest", "sales", sales, "--json");
    expect(first.exitCode).toBe(2);
    expect(JSON.parse(first.out)).toMatchObject({
      stored: 1,
      quarantined: 1,
      rejections: [{ line: 3, field: "units" }],
    });

    const again = await cli("ingest", "sales", sales);
    expect(again.out).toContain("nothing new to store (1 already stored)");

    const status = JSON.parse((await cli("status", "--json")).out);
    expect(status.signals.find((s: { kind: string }) => s.kind === "sales")).toMatchObject({
      rows: 1,
      from: "2024-01-02",
    });
    expect(status.quarantined).toBe(1);

    const q = await cli("quarantine", "list");
    expect(q.out).toContain("must not be negative");
  });

  it("fails a file missing a required column with exit 1 and a message naming file and column", async () => {
    const bad = tmp.file("bad.csv", "sku,location,date\nS1,L1,2024-01-02\n");
    const run = exec("npx", ["tsx", "src/cli/main.ts", "ingest", "sales", bad, "--db", db]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    const res = (await run) as { code: number; stderr: string };
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`autopromo: ${bad}: missing required column units`);
  });
});
