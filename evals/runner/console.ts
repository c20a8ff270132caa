import { SingleBar, Presets } from "cli-progress";
import Table from "cli-table3";
import { formatChange, formatValue } from "./format.js";
import { thresholdLabel } from "./metric.js";
import type { EvalReport } from "./schema.js";

/** What the progress of the suites is told. */
export interface SuiteProgress {
  onSuite: (e: { suite: string; index: number; total: number; done: boolean }) => void;
  stop: () => void;
}

/**
 * Progress over suites on stderr: a bar on a terminal; otherwise (a file, CI, NO_COLOR) one plain
 * line as each suite starts and ends, so a log says what the runner is doing.
 */
export function suiteProgressBar(
  stream: NodeJS.WriteStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): SuiteProgress {
  if (!(stream.isTTY === true && !env.NO_COLOR && env.TERM !== "dumb" && !env.CI))
    return suiteLines(stream);
  const bar = new SingleBar(
    {
      format: "evals [{bar}] {value}/{total} suites | {suite}",
      stream,
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    onSuite(e) {
      if (!started) {
        bar.start(e.total, 0, { suite: e.suite });
        started = true;
      }
      if (e.done) bar.update(e.index + 1, { suite: e.index + 1 < e.total ? "…" : "done" });
      else bar.update(e.index, { suite: e.suite });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** One line per suite started and finished, with the time since the first. */
function suiteLines(stream: NodeJS.WritableStream): SuiteProgress {
  const t0 = performance.now();
  const at = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  return {
    onSuite(e) {
      stream.write(
        e.done
          ? `evals: ${e.suite} done (${e.index + 1}/${e.total}, ${at()})\n`
          : `evals: running ${e.suite} (${e.index + 1}/${e.total})…\n`,
      );
    },
    stop() {},
  };
}

const STATUS: Record<string, string> = {
  pass: "PASS",
  fail: "FAIL",
  skipped: "SKIPPED",
  error: "ERROR",
};

/** The scores-against-thresholds table, one row per metric, with the change against the previous run. */
export function renderConsole(report: EvalReport): string {
  const t = new Table({
    head: ["suite", "metric", "value", "threshold", "", "vs previous"],
    style: { head: [], border: [] },
    // One line per metric; the suite name on its first row groups them.
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  for (const s of report.suites) {
    if (s.status === "skipped" || s.status === "error") {
      // No colSpan: cli-table3 draws spanned rows badly without row separators; the full reason goes below.
      const reason = s.reason ?? "";
      t.push([
        `${s.name} ${STATUS[s.status]}`,
        reason.length > 60 ? `${reason.slice(0, 59)}…` : reason,
        "",
        "",
        "",
        "",
      ]);
      continue;
    }
    s.metrics.forEach((m, i) => {
      const verdict = m.threshold === null ? "" : m.pass ? "pass" : "FAIL";
      t.push([
        i === 0 ? `${s.name} ${STATUS[s.status]}` : "",
        m.name,
        formatValue(m.value, m.unit),
        thresholdLabel(m, (n) => formatValue(n, m.unit)),
        verdict,
        formatChange(m),
      ]);
    });
  }
  const counts = (["pass", "fail", "skipped", "error"] as const)
    .map((k) => [k, report.suites.filter((s) => s.status === k).length] as const)
    .filter(([, n]) => n > 0);
  const head = `evals${report.runId === null ? "" : ` run #${report.runId}`}${report.gitSha ? ` at ${report.gitSha.slice(0, 10)}` : ""}${report.fast ? " (fast subset)" : ""}`;
  const foot = `${counts.map(([k, n]) => `${n} ${k}`).join(", ")}; thresholds ${report.thresholdsEnforced ? "enforced (exit 1 on a failure)" : "reported only (pass --threshold to enforce)"}`;
  const reasons = report.suites
    .filter((s) => s.reason)
    .map((s) => `${s.name} ${s.status}: ${s.reason}`);
  return [head, t.toString(), ...reasons, foot].join("\n");
}
