import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { InvalidArgumentError, type Command } from "commander";
import { AutopromoError } from "../../errors.js";
import { processOutput, type Output } from "../output.js";

/** The flags `autopromo evals` takes (the runner in `evals/runner` owns their meaning). */
interface EvalsFlags {
  threshold?: boolean;
  output?: string;
  html?: string;
  fast?: boolean;
  data?: string;
  json?: boolean;
  db?: string;
  runs?: number;
  history?: boolean;
}

type RunEvalsCommand = (
  names: readonly string[],
  flags: EvalsFlags,
  out: Output,
) => Promise<{ exitCode: 0 | 1 }>;

// The runner lives in `evals/` beside the suites it runs, outside the compiled package (rootDir
// src). Under tsx or vitest the import by path finds its TypeScript; from the compiled command
// (`npx autopromo` in a clone or an installed package) it is loaded through tsx's loader, which
// the package depends on for exactly this.
const RUNNER = "../../../evals/runner/cli.js";

async function loadRunner(): Promise<RunEvalsCommand> {
  try {
    const mod = (await import(RUNNER)) as { runEvalsCommand: RunEvalsCommand };
    return mod.runEvalsCommand;
  } catch (e) {
    if ((e as { code?: string }).code !== "ERR_MODULE_NOT_FOUND") throw e;
    return loadRunnerSource(e);
  }
}

async function loadRunnerSource(cause: unknown): Promise<RunEvalsCommand> {
  const source = fileURLToPath(new URL(RUNNER.replace(/\.js$/, ".ts"), import.meta.url));
  if (!existsSync(source)) {
    const hint = "reinstall the package, or run `npm run evals` in a clone";
    throw new AutopromoError("CONFIG_ERROR", `the eval suites are missing (${source}): ${hint}`, {
      cause,
    });
  }
  const { tsImport } = await import("tsx/esm/api");
  const mod = (await tsImport(source, import.meta.url)) as { runEvalsCommand: RunEvalsCommand };
  return mod.runEvalsCommand;
}

const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected an integer ≥ 1");
  return n;
};

/** Adds `autopromo evals [suite...]`: run eval suites, print scores against thresholds, store history, write JSON/HTML reports. */
export function registerEvalsCommand(program: Command, out: Output = processOutput): void {
  program
    .command("evals [suites...]")
    .description(
      "run eval suites (policy, perception, lift-backtest, uplift, latency, reasoning, injection); scores against thresholds, history, HTML report",
    )
    .option(
      "--threshold",
      "enforce thresholds: exit 1 when any metric misses its threshold or a suite errors",
    )
    .option("--output <file>", "write the whole report as JSON")
    .option("--html <file>", "write a self-contained HTML report with charts")
    .option("--fast", "the CI subset: policy, perception, lift-backtest, latency, injection")
    .option("--data <dir>", "real data folder (env AUTOPROMO_DATA_DIR, default ../shared/data)")
    .option("--runs <n>", "timed repetitions for latency (default 20, 10 with --fast)", positiveInt)
    .option(
      "--db <path>",
      "SQLite database for run history (env AUTOPROMO_DB, default ./autopromo.db)",
    )
    .option("--no-history", "do not store this run")
    .option("--json", "print the whole report as JSON")
    .action(async (suites: string[], flags: EvalsFlags) => {
      const run = await loadRunner();
      const { exitCode } = await run(suites, flags, out);
      if (exitCode) process.exitCode = exitCode;
    });
}
