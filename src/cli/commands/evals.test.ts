import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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
  it("runs policy and perception, prints the table, writes JSON and HTML and stores the run", async () => {
    const json = join(dir, "r.json");
    const html = join(dir, "r.html");
    const db = join(dir, "evals.db");
    const { out, exitCode } = await run(["evals", "policy", "perception", "--html", html, "--output", json, "--db", db, "--threshold"]);
    expect(out).toMatch(/policy PASS/);
    expect(out).toMatch(/out-of-bounds allowed/);
    expect(exitCode).toBeUndefined();
    const report = JSON.parse(readFileSync(json, "utf8"));
    expect(report).toMatchObject({ version: 1, runId: 1, thresholdsEnforced: true, passed: true });
    expect(report.suites.map((s: { name: string }) => s.name)).toEqual(["policy", "perception"]);
    const [policy, perception] = report.suites;
    expect(policy.metrics.find((m: { name: string }) => m.name === "out-of-bounds allowed")).toMatchObject({ value: 0, threshold: 0, direction: "max", pass: true, previous: null });
    // 370 generated from the rules + 100 integrity cases, then the approval, edit and written cases (#25).
    expect(policy.details.cases).toBeGreaterThan(600);
    for (const family of ["1 facts from the store", "5 mechanics", "7 one person, one vote", "8 edit launchability"]) {
      expect(policy.metrics.find((m: { name: string }) => m.name === `${family}: bypasses`), family).toMatchObject({ value: 0, pass: true });
    }
    const precision = perception.metrics.find((m: { name: string }) => m.name === "precision");
    expect(precision.value).toBeGreaterThanOrEqual(0.9);
    expect(perception.charts[0].id).toBe("perception-by-kind");
    expect(report.history.length).toBeGreaterThan(0);
    expect(existsSync(html)).toBe(true);
    expect(readFileSync(html, "utf8")).toMatch(/<svg/);
    expect(readFileSync(html, "utf8")).toContain("7 one person, one vote: bypasses");
  }, 900_000); // the perception suite ingests six demo markets

  it("reports a suite without its data as skipped, which does not fail --threshold; --json prints the report", async () => {
    const db = join(dir, "evals.db");
    const skipped = await run(["evals", "lift-backtest", "--data", join(dir, "none"), "--db", db, "--threshold", "--json"]);
    expect(skipped.exitCode).toBeUndefined();
    const report = JSON.parse(skipped.out);
    expect(report.suites[0]).toMatchObject({ name: "lift-backtest", status: "skipped" });
    expect(report.passed).toBe(true);
  }, 60_000);

  it("refuses an unknown suite", async () => {
    await expect(run(["evals", "nope", "--no-history"])).rejects.toThrow(/unknown suite nope/);
  });
});
