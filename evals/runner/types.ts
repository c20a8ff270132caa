import type { ChartData, Metric } from "./schema.js";

/** What every suite gets: where the real data is, whether this is the CI subset, scratch space. */
export interface SuiteContext {
  /** Folder holding `breakfast-at-the-frat/`, `hillstrom-email/`, … */
  dataDir: string;
  fast: boolean;
  /** Scratch folder for this run (split files and the like); removed afterwards. */
  tmpDir: string;
  /** Timed repetitions for latency figures. */
  runs: number;
}

/** What a suite's run returns; the runner adds status, timing and history. */
export interface SuiteOutcome {
  metrics: Metric[];
  charts?: ChartData[];
  details: unknown;
}

/** One registered eval suite. */
export interface Suite {
  name: string;
  description: string;
  /** Part of the `--fast` CI subset. */
  fast: boolean;
  run(ctx: SuiteContext): Promise<SuiteOutcome>;
}
