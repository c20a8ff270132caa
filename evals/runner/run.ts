import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isSkip } from "./errors.js";
import { exitCodeFor, suiteStatusOf } from "./metric.js";
import { evalReportSchema, type EvalReport, type SuiteResult } from "./schema.js";
import type { Suite, SuiteContext } from "./types.js";

/** What one run needs; `onSuite` drives a progress bar. */
export interface RunEvalsOptions {
  suites: readonly Suite[];
  dataDir: string;
  fast?: boolean;
  runs?: number;
  enforceThresholds?: boolean;
  gitSha?: string | null;
  now?: () => Date;
  onSuite?: (event: { suite: string; index: number; total: number; done: boolean }) => void;
}

/** The checkout's commit, or null outside a git work tree. */
export function currentGitSha(cwd = process.cwd()): string | null {
  try {
    return (
      execFileSync("git", ["rev-parse", "HEAD"], {
        cwd,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim() || null
    );
  } catch {
    return null;
  }
}

/** Runs one suite; missing data or code is "skipped", a throw is "error" — neither is a pass. */
export async function runSuite(suite: Suite, ctx: SuiteContext): Promise<SuiteResult> {
  const t0 = performance.now();
  const base = { name: suite.name, description: suite.description };
  try {
    const o = await suite.run(ctx);
    return {
      ...base,
      status: suiteStatusOf(o.metrics),
      seconds: (performance.now() - t0) / 1000,
      metrics: o.metrics,
      charts: o.charts ?? [],
      details: o.details,
    };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return {
      ...base,
      status: isSkip(e) ? "skipped" : "error",
      reason,
      seconds: (performance.now() - t0) / 1000,
      metrics: [],
      charts: [],
      details: null,
    };
  }
}

/** Runs the suites one after another (they share CPU-heavy work, so parallelism would only skew latency). */
export async function runEvals(o: RunEvalsOptions): Promise<EvalReport> {
  const now = o.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const tmpDir = mkdtempSync(join(tmpdir(), "autopromo-evals-"));
  const ctx: SuiteContext = {
    dataDir: o.dataDir,
    fast: o.fast ?? false,
    tmpDir,
    runs: o.runs ?? 20,
  };
  const results: SuiteResult[] = [];
  try {
    for (const [index, suite] of o.suites.entries()) {
      o.onSuite?.({ suite: suite.name, index, total: o.suites.length, done: false });
      results.push(await runSuite(suite, ctx));
      o.onSuite?.({ suite: suite.name, index, total: o.suites.length, done: true });
    }
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
  const enforce = o.enforceThresholds ?? false;
  return evalReportSchema.parse({
    version: 1,
    runId: null,
    startedAt,
    finishedAt: now().toISOString(),
    gitSha: o.gitSha === undefined ? currentGitSha() : o.gitSha,
    fast: ctx.fast,
    thresholdsEnforced: enforce,
    dataDir: o.dataDir,
    // "passed" judges the thresholds whether or not they are enforced; the exit code is separate.
    passed: exitCodeFor(results, true) === 0,
    suites: results,
    history: [],
  });
}
