import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeSyntheticCompleteJourney } from "../../models/affinity/testing.js";
import { buildProgram } from "../program.js";

const dir = mkdtempSync(join(tmpdir(), "affinity-cli-"));
writeSyntheticCompleteJourney(join(dir, "cj"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const program = buildProgram({ out: (t) => out.push(t), err: (t) => err.push(t) }).exitOverride();
  await program.parseAsync(args, { from: "user" });
  return { out: out.join("\n"), err: err.join("\n") };
}

describe("autopromo affinity evaluate", () => {
  it("--data ingests into a temporary database and prints one JSON report", async () => {
    const { out } = await run([
      "affinity",
      "evaluate",
      "--data",
      join(dir, "cj"),
      "--bootstrap",
      "30",
      "--json",
    ]);
    const r = JSON.parse(out) as {
      heldOut: { campaigns: string[] };
      pooled: { k: string; precision: { model: { value: number; lo: number; hi: number } } }[];
    };
    expect(r.heldOut.campaigns).toEqual(["4", "5", "6"]);
    expect(r.pooled.map((p) => p.k)).toEqual(["10", "50", "5%"]);
  });

  it("--db reads what `ingest --format complete-journey` stored, and prints tables with the caveats", async () => {
    const db = join(dir, "t.db");
    await run(["ingest", "--format", "complete-journey", join(dir, "cj"), "--db", db]);
    expect(process.exitCode).toBe(2); // the synthetic folder has bad rows
    process.exitCode = 0;
    const { out } = await run([
      "affinity",
      "evaluate",
      "--db",
      db,
      "--bootstrap",
      "20",
      "--k",
      "10,20",
    ]);
    expect(out).toMatch(/precision@k of predicted redeemers/);
    expect(out).toMatch(/random \(base\s/); // tables fit 100 columns: a long header wraps in its column
    expect(out.split("\n").filter((l) => /[│┌└├]/.test(l) && l.length > 100)).toEqual([]);
    expect(out).toMatch(/held back \(starting on or after 2017-08-01\): 4, 5, 6/);
    expect(out).toMatch(/caveats:/);
  });

  it("says what to do when the database holds no Complete Journey data", async () => {
    await expect(run(["affinity", "evaluate", "--db", join(dir, "empty.db")])).rejects.toThrow(
      /ingest --format complete-journey/,
    );
  });
});
