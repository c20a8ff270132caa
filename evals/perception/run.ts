import { createPerceptionAgent } from "../../src/agents/perception/index.js";
import type { PerceptionThresholdsInput } from "../../src/agents/perception/index.js";
import type { FindingKind } from "../../src/domain/findings.js";
import { ingestDataset, openDb, type Db } from "../../src/store/index.js";
import { demoCases } from "./cases-demo.js";
import { demoEditCases } from "./cases-demo-edits.js";
import { syntheticCases } from "./cases-synthetic.js";
import { aggregate, scoreCase, type CaseResult, type KindScore } from "./score.js";
import type { PerceptionCase } from "./types.js";

export interface PerceptionEvalReport {
  suite: "perception";
  cases: number;
  positives: number;
  negatives: number;
  byKind: Record<FindingKind | "overall", KindScore>;
  byFamily: Record<string, { cases: number; missed: number; falseAlarms: number }>;
  /** Cases with a miss or a false alarm, for reading. */
  failures: CaseResult[];
  seconds: number;
}

export interface PerceptionEvalOptions {
  cases?: PerceptionCase[];
  demoSeeds?: number[];
  thresholds?: PerceptionThresholdsInput;
}

/** The suite's cases: demo seeds 1..3 (by default), the same demos edited by an analyst, and the generated small worlds. */
export function perceptionCases(demoSeeds: readonly number[] = [1, 2, 3]): PerceptionCase[] {
  return [...demoCases(demoSeeds), ...demoEditCases(demoSeeds), ...syntheticCases()];
}

/** Runs the perception agent on every case (one in-memory DB per world, reused within the run) and scores it. */
export async function runPerceptionEval(
  options: PerceptionEvalOptions = {},
): Promise<PerceptionEvalReport> {
  const started = Date.now();
  const cases = options.cases ?? perceptionCases(options.demoSeeds);
  const dbs = new Map<string, Db>();
  const results = [];
  try {
    for (const c of cases) {
      let db = dbs.get(c.world.key);
      if (!db) {
        db = openDb(":memory:");
        await ingestDataset(db, c.world.build(), { origin: c.world.key });
        dbs.set(c.world.key, db);
      }
      const at = new Date(c.now);
      const findings = await createPerceptionAgent({
        db,
        clock: { now: () => at },
        ...(options.thresholds ? { thresholds: options.thresholds } : {}),
      }).perceive();
      results.push(scoreCase(c, findings));
    }
  } finally {
    for (const db of dbs.values()) db.close();
  }
  const byFamily: PerceptionEvalReport["byFamily"] = {};
  for (const r of results) {
    const f = (byFamily[r.family] ??= { cases: 0, missed: 0, falseAlarms: 0 });
    f.cases++;
    f.missed += r.missed.length;
    f.falseAlarms += r.falseAlarms.length;
  }
  return {
    suite: "perception",
    cases: cases.length,
    positives: cases.reduce((n, c) => n + c.positives.length, 0),
    negatives: cases.reduce((n, c) => n + c.negatives.length, 0),
    byKind: aggregate(cases, results),
    byFamily,
    failures: results
      .filter((r) => r.missed.length || r.falseAlarms.length)
      .map(({ tp: _tp, ...r }) => r),
    seconds: (Date.now() - started) / 1000,
  };
}
