import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { simulateExperiment, toHillstromCsv } from "../../models/targeting/testing.js";
import type { UpliftEvaluationReport } from "../../models/targeting/index.js";
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
  if (!vi.isMockFunction(process.stderr.write))
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  await program.parseAsync(args, { from: "user" });
  return log.mock.calls.map((c) => String(c[0])).join("\n");
}

afterEach(() => vi.restoreAllMocks());

describe("autopromo uplift", () => {
  const f = files();

  it("evaluate --json prints one report and writes scores and chart", async () => {
    const scores = join(f.dir, "scores.csv");
    const chart = join(f.dir, "qini.svg");
    const out = await run([
      "uplift",
      "evaluate",
      "--train",
      f.train,
      "--test",
      f.test,
      "--bootstrap",
      "20",
      "--folds",
      "3",
      "--scores",
      scores,
      "--chart",
      chart,
      "--json",
    ]);
    const r = JSON.parse(out) as UpliftEvaluationReport;
    expect(r.test.rows).toBe(1_499);
    expect(r.test.rejected[0]).toMatchObject({ line: 4 });
    expect(r.test.rejected[0]!.reason).toMatch(/segment/);
    expect(r.ranking.visit.qini.value).toBeGreaterThan(0);
    // Simulated: the Mens e-mail works on Mens buyers, the Womens one on Womens buyers, so the tree
    // pays; the model's best arm gains about as much in CV, not clearly more, so the tree stays.
    const visit = r.learnedPolicies.visit;
    expect(visit.useTree).toBe(true);
    expect(visit.useModel).toBe(false);
    expect(visit.gain.lo).toBeGreaterThan(0);
    expect(visit.modelGain!.lo).toBeGreaterThan(0);
    expect(visit.segments.map((x) => x.arm)).toEqual(
      expect.arrayContaining(["Mens E-Mail", "Womens E-Mail"]),
    );
    const learned = r.policies.find((p) => p.name === "learned policy (visit)")!;
    expect(learned.drVsBestSingleEmail.visit!.lo).toBeGreaterThan(0);
    expect(r.policies.map((p) => p.name)).toContain("all Mens E-Mail");
    const rows = readFileSync(scores, "utf8").trim().split("\n");
    expect(rows[0]).toBe("row,uplift_visit,uplift_spend,arm,arm_visit,arm_margin");
    expect(rows).toHaveLength(1_500);
    expect(rows[3]!.split(",")[0]).toBe("4"); // data row 3 was rejected, so row numbers skip it
    const svg = readFileSync(chart, "utf8");
    expect(svg).toMatch(/^<svg[\s\S]*uplift model[\s\S]*response model/);
    expect(svg).toMatch(/learned policy \(visit\)/);
  });

  it("evaluate prints tables that say which differences are not wins", async () => {
    const out = await run([
      "uplift",
      "evaluate",
      "--train",
      f.train,
      "--test",
      f.test,
      "--bootstrap",
      "10",
      "--folds",
      "2",
      "--cv-repeats",
      "2",
    ]);
    expect(out).toMatch(/2-fold CV × 2 fold splits/);
    // Tables fit 100 columns, so a long header or cell wraps inside its column.
    expect(out).toMatch(/Qini \(uplift/);
    expect(out).toMatch(/not a\s/);
    expect(out).toMatch(/qini_auc_score/);
    expect(out.split("\n").filter((l) => /[│┌└├]/.test(l) && l.length > 100)).toEqual([]);
  });

  it("names the file and the column when a column is missing", async () => {
    const bad = join(f.dir, "bad.csv");
    writeFileSync(bad, readFileSync(f.test, "utf8").replace("zip_code", "zip"));
    await expect(
      run(["uplift", "evaluate", "--train", f.train, "--test", bad, "--json"]),
    ).rejects.toThrow(/bad\.csv: missing column "zip_code"/);
  });

  it("split writes every 5th data row to the test file", async () => {
    const out = await run([
      "uplift",
      "split",
      f.train,
      "--out-dir",
      join(f.dir, "split"),
      "--json",
    ]);
    const r = JSON.parse(out) as { trainRows: number; testRows: number; test: string };
    expect([r.trainRows, r.testRows]).toEqual([3_200, 800]);
    const firstTest = readFileSync(r.test, "utf8").split("\n")[1];
    expect(firstTest).toBe(readFileSync(f.train, "utf8").split("\n")[5]);
  });

  it("split --seed draws a reproducible random test share, disjoint from the training file", async () => {
    const args = (seed: string, dir: string) => [
      "uplift",
      "split",
      f.train,
      "--seed",
      seed,
      "--test-share",
      "0.2",
      "--out-dir",
      join(f.dir, dir),
      "--json",
    ];
    const last = async (a: string[]) => (await run(a)).split("\n").at(-1)!;
    const a = JSON.parse(await last(args("7", "s7a"))) as {
      trainRows: number;
      testRows: number;
      test: string;
      train: string;
    };
    const b = JSON.parse(await last(args("7", "s7b"))) as { test: string };
    const c = JSON.parse(await last(args("8", "s8"))) as { test: string };
    expect([a.trainRows, a.testRows]).toEqual([3_200, 800]);
    const body = (file: string) => readFileSync(file, "utf8").trim().split("\n").slice(1);
    expect(body(b.test)).toEqual(body(a.test));
    expect(body(c.test)).not.toEqual(body(a.test));
    expect([...body(a.train), ...body(a.test)].sort()).toEqual(
      readFileSync(f.train, "utf8").trim().split("\n").slice(1).sort(),
    );
  });

  it("evaluate says which phase it is in on stderr from the start", async () => {
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    await run([
      "uplift",
      "evaluate",
      "--train",
      f.train,
      "--test",
      f.test,
      "--bootstrap",
      "0",
      "--folds",
      "2",
    ]);
    const lines = err.mock.calls.map((c) => String(c[0]));
    expect(lines[0]).toMatch(/^\[0\.\d s\] reading /);
    expect(lines.some((l) => /learning policy trees/.test(l))).toBe(true);
  });
});
