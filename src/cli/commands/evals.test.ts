import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { registerEvalsCommand } from "./evals.js";

const dir = mkdtempSync(join(tmpdir(), "autopromo-evals-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ out: string; exitCode: number | undefined }> {
  const lines: string[] = [];
  const program = new Command("autopromo").exitOverride();
  registerEvalsCommand(program, { out: (t) => lines.push(t), err: (t) => lines.push(t) });
  const before = process.exitCode;
  await program.parseAsync(["node", "autopromo", ...args]);
  const exitCode = process.exitCode as number | undefined;
  process.exitCode = before;
  return { out: lines.join("\n"), exitCode };
}

describe("autopromo evals (in-process)", () => {
  // The suites' own figures are asserted by their tests (evals/*/*.eval.test.ts); this one checks
  // what the command adds: the table, the JSON and HTML files, thresholds and stored history.
  it("runs a suite, prints the table, writes JSON and HTML and stores the run", async () => {
    const json = join(dir, "r.json");
    const html = join(dir, "r.html");
    const db = join(dir, "evals.db");
    const args = ["evals", "latency", "--runs", "3", "--html", html, "--output", json, "--db", db];
    const { out, exitCode } = await run([...args, "--threshold"]);
    expect(out).toMatch(/latency PASS/);
    expect(out).toMatch(/policy check, p95/);
    expect(exitCode).toBeUndefined();
    const report = JSON.parse(readFileSync(json, "utf8"));
    expect(report).toMatchObject({ version: 1, runId: 1, thresholdsEnforced: true, passed: true });
    expect(report.suites.map((s: { name: string }) => s.name)).toEqual(["latency"]);
    const p95 = report.suites[0].metrics.find(
      (m: { name: string }) => m.name === "policy check, p95",
    );
    expect(p95).toMatchObject({ direction: "max", pass: true, previous: null });
    expect(readFileSync(html, "utf8")).toContain("policy check, p95");
    const again = await run(args);
    expect(again.out).toMatch(/latency PASS/);
    const second = JSON.parse(readFileSync(json, "utf8"));
    expect(second.runId).toBe(2);
    expect(second.history.length).toBeGreaterThan(0);
  }, 120_000);

  it("reports a suite without its data as skipped, which does not fail --threshold; --json prints the report", async () => {
    const db = join(dir, "evals.db");
    const skipped = await run([
      "evals",
      "lift-backtest",
      "--data",
      join(dir, "none"),
      "--db",
      db,
      "--threshold",
      "--json",
    ]);
    expect(skipped.exitCode).toBeUndefined();
    const report = JSON.parse(skipped.out);
    expect(report.suites[0]).toMatchObject({ name: "lift-backtest", status: "skipped" });
    expect(report.passed).toBe(true);
  }, 60_000);

  it("refuses an unknown suite", async () => {
    await expect(run(["evals", "nope", "--no-history"])).rejects.toThrow(/unknown suite nope/);
  });
});
