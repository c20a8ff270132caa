import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { openDb, resolveDbPath } from "../../src/store/index.js";
import { suiteProgressBar } from "./console.js";
import { renderConsole } from "./console.js";
import { resolveDataDir } from "./data.js";
import { EvalError } from "./errors.js";
import { annotateChanges, metricHistory, saveRun } from "./history.js";
import { renderHtmlReport } from "./html/render.js";
import { exitCodeFor } from "./metric.js";
import { runEvals } from "./run.js";
import { evalReportSchema, type EvalReport } from "./schema.js";
import { defaultSuites, selectSuites } from "./suites.js";
import type { Suite } from "./types.js";

/** The `autopromo evals` flags. */
export interface EvalsFlags {
  threshold?: boolean;
  output?: string;
  html?: string;
  fast?: boolean;
  data?: string;
  json?: boolean;
  db?: string;
  runs?: number;
  /** false with --no-history: do not store this run. */
  history?: boolean;
}

/** Where the command writes text. */
export interface EvalsOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

function writeFile(path: string, text: string): string {
  const p = resolve(path);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

/** Stores the run, compares it with the previous run of each suite, and attaches the history. */
function recordHistory(report: EvalReport, dbPath: string): EvalReport {
  const db = openDb(dbPath);
  try {
    const compared = annotateChanges(db, report, Number.MAX_SAFE_INTEGER);
    const runId = saveRun(db, compared);
    const scored = compared.suites
      .filter((s) => s.status === "pass" || s.status === "fail")
      .map((s) => s.name);
    return { ...compared, runId, history: metricHistory(db, scored) };
  } finally {
    db.close();
  }
}

/**
 * Runs `autopromo evals`: selected suites with a progress bar, history, console table or JSON,
 * optional JSON and HTML files. Returns the exit code (1 only when --threshold and a suite fails).
 */
export async function runEvalsCommand(
  names: readonly string[],
  flags: EvalsFlags,
  out: EvalsOutput,
  registry: readonly Suite[] = defaultSuites(),
): Promise<{ exitCode: 0 | 1; report: EvalReport }> {
  if (flags.runs !== undefined && (!Number.isInteger(flags.runs) || flags.runs < 1))
    throw new EvalError("INVALID_INPUT", `--runs must be an integer ≥ 1, got ${flags.runs}`);
  const suites = selectSuites(registry, names, flags.fast ?? false);
  const bar = suiteProgressBar();
  let report: EvalReport;
  try {
    report = await runEvals({
      suites,
      dataDir: resolveDataDir(flags.data),
      fast: flags.fast ?? false,
      runs: flags.runs ?? (flags.fast ? 10 : 20),
      enforceThresholds: flags.threshold ?? false,
      onSuite: bar.onSuite,
    });
  } finally {
    bar.stop();
  }
  if (flags.history !== false) report = recordHistory(report, resolveDbPath(flags.db));
  report = evalReportSchema.parse(report);
  const written: string[] = [];
  if (flags.output)
    written.push(`report JSON: ${writeFile(flags.output, `${JSON.stringify(report, null, 2)}\n`)}`);
  if (flags.html)
    written.push(`report HTML: ${writeFile(flags.html, await renderHtmlReport(report))}`);
  if (flags.json) out.out(JSON.stringify(report, null, 2));
  else out.out([renderConsole(report), ...written].join("\n"));
  return { exitCode: exitCodeFor(report.suites, flags.threshold ?? false), report };
}
