import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixedClock } from "../src/domain/index.js";
import { DEMO_NOW, demoDb } from "../src/graph/testing/demo-db.js";
import { allScopes, createPromotionGraph, getDecision, runCycle } from "../src/graph/index.js";
import { loadPolicy } from "../src/policies/index.js";
import { openDb } from "../src/store/index.js";
import { decisionLine } from "./support/cycle-lines.js";
import { describePostgres } from "./support/postgres.js";
import { compareSnapshots, snapshotScenario } from "./reliability/support/graph-invariants.js";
import { runQueueCycle } from "./reliability/support/queue-cycle.js";

// The demo cycle through the job queue (pg-boss) by worker processes on one SQLite file:
// with two workers it must reach the decisions of the in-process cycle (keys and the order-
// dependent running totals of the spend caps aside: see decisionLine); with three, one
// SIGKILLed inside a launch, every scope is still decided exactly once, with nothing
// duplicated or lost against the undisturbed run.
// The whole kill-point matrix is test/reliability/queue-kill.slow.test.ts.

let work: string;
let template: string;
/** The in-process cycle's decisions, one line a scope in the cycle's order. */
let inProcess: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "autopromo-queue-workers-"));
  const demo = await demoDb(1);
  demo.db.close();
  template = join(work, "template.db");
  copyFileSync(demo.path, template);
  rmSync(demo.dir, { recursive: true, force: true });
  const db = openDb(copy("in-process"));
  try {
    const clock = fixedClock(DEMO_NOW);
    const graph = createPromotionGraph({ db, clock, policy: loadPolicy() });
    const results = await runCycle({ graph, db, clock });
    inProcess = results.map((r) => decisionLine(getDecision(db, r.decisionId))).join("\n") + "\n";
  } finally {
    db.close();
  }
}, 120_000);
afterAll(() => {
  if (!process.env.QUEUE_TEST_KEEP) rmSync(work, { recursive: true, force: true });
});

/** A fresh copy of the demo database. */
function copy(name: string): string {
  const path = join(work, `${name}.db`);
  copyFileSync(template, path);
  return path;
}

/** The fixture lines of the decisions in `dbPath`, in the cycle's scope order. */
function lines(dbPath: string, decisionIds: string[]): string {
  const db = openDb(dbPath);
  try {
    return decisionIds.map((id) => decisionLine(getDecision(db, id))).join("\n") + "\n";
  } finally {
    db.close();
  }
}

describePostgres("the job queue with worker processes", (pg) => {
  let reference: string;

  it("two workers decide the demo cycle as the in-process cycle does (keys aside)", async () => {
    reference = copy("two");
    const run = await runQueueCycle(reference, pg.url, "q_two", [{}, {}]);
    expect(run.ends.map((e) => e.state)).toEqual(run.ends.map(() => "completed"));
    expect(run.workers.map((w) => w.code)).toEqual([0, 0]);
    // Both took jobs: the cycle was shared, not run by whichever started first.
    expect(run.reports.map((r) => (r?.completed ?? 0) > 0)).toEqual([true, true]);
    const ids = run.ends.map((e) => ("status" in e.outcome ? e.outcome.decisionId : ""));
    expect(lines(reference, ids)).toBe(inProcess);
  }, 120_000);

  it("three workers, one SIGKILLed in a launch: every scope decided once, 0 duplicates, 0 losses", async () => {
    const path = copy("three");
    const kill = { label: "run:node:execute", nth: 2 };
    const run = await runQueueCycle(path, pg.url, "q_three", [{ kill }, {}, {}]);
    expect(run.workers[0]!.signal, run.workers[0]!.stderr.slice(-500)).toBe("SIGKILL");
    expect(run.ends.map((e) => e.state)).toEqual(run.ends.map(() => "completed"));
    const db = openDb(path);
    const perScope = db
      .prepare("SELECT category, market, count(*) AS n FROM decisions GROUP BY 1, 2")
      .all() as { n: number }[];
    const scopes = allScopes(db).length;
    db.close();
    expect(perScope).toHaveLength(scopes);
    expect(perScope.every((r) => r.n === 1)).toBe(true);
    const diff = compareSnapshots(
      snapshotScenario(reference, join(work, "none")),
      snapshotScenario(path, join(work, "none")),
    );
    expect(diff).toEqual({ duplicates: [], losses: [] });
  }, 120_000);
});
