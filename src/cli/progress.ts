import { Presets, SingleBar } from "cli-progress";
import type { Output } from "./output.js";

/** Counted progress over a long phase (scopes planned, suites run). */
export interface Progress {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

/** Where progress goes: a bar on a terminal, else lines; `now` is injectable for tests. */
export interface ProgressOptions {
  /** The stream a bar would draw on; default process.stderr. */
  stream?: NodeJS.WriteStream;
  /** Lines when not a terminal. */
  out: Output;
  now?: () => number;
  /** Print nothing (--json runs keep stderr for errors). */
  quiet?: boolean;
}

/** True when output goes to a terminal that may get cursor moves and colours (NO_COLOR, TERM=dumb and CI say no). */
export function isInteractive(
  stream: NodeJS.WriteStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return stream.isTTY === true && !env.NO_COLOR && env.TERM !== "dumb" && !env.CI;
}

/**
 * Progress of `label` counted in `unit`: a bar on a terminal; otherwise a line when the phase
 * starts, at each quarter and when it ends, so logs and files get plain lines, no escape codes.
 */
export function progress(label: string, unit: string, opts: ProgressOptions): Progress {
  const now = opts.now ?? (() => performance.now());
  const secs = (t0: number) => `${((now() - t0) / 1000).toFixed(1)} s`;
  if (opts.quiet) return { start() {}, update() {}, stop() {} };
  if (isInteractive(opts.stream ?? process.stderr)) {
    const bar = new SingleBar(
      {
        format: `${label} {bar} {value}/{total} ${unit}`,
        stream: opts.stream ?? process.stderr,
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    return {
      start: (total) => bar.start(total, 0),
      update: (done) => bar.update(done),
      stop: () => bar.stop(),
    };
  }
  let t0 = now();
  let total = 0;
  let done = 0;
  let shown = 0;
  let started = false;
  return {
    start(n) {
      started = true;
      t0 = now();
      total = n;
      opts.out.err(`${label}: ${n} ${unit}…`);
    },
    update(d) {
      done = d;
      const quarter = Math.floor((d / Math.max(1, total)) * 4);
      if (quarter > shown && d < total) {
        shown = quarter;
        opts.out.err(`${label}: ${d}/${total} ${unit} (${secs(t0)})`);
      }
    },
    stop() {
      if (started) opts.out.err(`${label}: ${done}/${total} ${unit} done in ${secs(t0)}`);
    },
  };
}
