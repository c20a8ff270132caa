import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { simulateExperiment, toHillstromCsv } from "../../models/targeting/testing.js";
import { registerUpliftCommand } from "./uplift.js";

function files(): { dir: string; train: string; test: string } {
  const dir = mkdtempSync(join(tmpdir(), "uplift-cli-"));
  const train = join(dir, "train.csv");
  const test = join(dir, "test.csv");
  writeFileSync(train, toHillstromCsv(simulateExperiment(4_000, 1).rows));
  // Line 4 of the test file is broken: the loader must skip it and say which line.
  const lines = toHillstromCsv(simulateExperiment(1_500, 2).rows).split("\n");
  lines[3] = lines[3]!.replace(/,(Mens E-Mail|Womens E-Mail|No E-Mail),/, ",Postcard,");
  writeFileSync(test, lines.join("\n"));
  return { dir, train, test };
}

async function run(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerUpliftCommand(program);
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  await program.parseAsync(args, { from: "user" });
  return log.mock.calls.map((c) => String(c[0])).join("\n");
}

afterEach(() => vi.restoreAllMocks());

describe("autopromo uplift", () => {
  const f = files();

  it("evaluate --json prints one report and writes scores and chart", async () => {
    const scores = join(f.dir, "scores.csv");
    const chart = join(f.dir, "qini.svg");
    const out = await run(["uplift", "evaluate", "--train", f.train, "--test", f.test, "--bootstrap", "20", "--folds", "3", "--scores", scores, "--chart", chart, "--json"]);
    const r = JSON.parse(out) as { test: { rows: number; rejected: { line: number; reason: string }[] }; ranking: { visit: { qini: { value: number; lo: number; hi: number } } }; policies: { name: string }[] };
    expect(r.test.rows).toBe(1_499);
    expect(r.test.rejected[0]).toMatchObject({ line: 4 });
    expect(r.test.rejected[0]!.reason).toMatch(/segment/);
    expect(r.ranking.visit.qini.lo).toBeGreaterThan(0);
    expect(r.policies.map((p) => p.name)).toContain("all Mens E-Mail");
    const rows = readFileSync(scores, "utf8").trim().split("\n");
    expect(rows[0]).toBe("row,uplift_visit,uplift_spend,arm");
    expect(rows).toHaveLength(1_500);
    expect(rows[3]!.split(",")[0]).toBe("4"); // data row 3 was rejected, so row numbers skip it
    expect(readFileSync(chart, "utf8")).toMatch(/^<svg[\s\S]*uplift model[\s\S]*response model[\s\S]*random/);
  });

  it("evaluate prints tables that say which differences are not wins", async () => {
    const out = await run(["uplift", "evaluate", "--train", f.train, "--test", f.test, "--bootstrap", "10", "--folds", "2", "--cv-repeats", "2"]);
    expect(out).toMatch(/2-fold CV × 2 fold splits/);
    expect(out).toMatch(/Qini \(uplift model\)/);
    expect(out).toMatch(/not a win/);
    expect(out).toMatch(/qini_auc_score/);
  });

  it("names the file and the column when a column is missing", async () => {
    const bad = join(f.dir, "bad.csv");
    writeFileSync(bad, readFileSync(f.test, "utf8").replace("zip_code", "zip"));
    await expect(run(["uplift", "evaluate", "--train", f.train, "--test", bad, "--json"])).rejects.toThrow(/bad\.csv: missing column "zip_code"/);
  });

  it("split writes every 5th data row to the test file", async () => {
    const out = await run(["uplift", "split", f.train, "--out-dir", join(f.dir, "split"), "--json"]);
    const r = JSON.parse(out) as { trainRows: number; testRows: number; test: string };
    expect([r.trainRows, r.testRows]).toEqual([3_200, 800]);
    const firstTest = readFileSync(r.test, "utf8").split("\n")[1];
    expect(firstTest).toBe(readFileSync(f.train, "utf8").split("\n")[5]);
  });
});
