import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoDb } from "../../src/graph/testing/demo-db.js";
import { allScopes } from "../../src/graph/index.js";
import { openDb } from "../../src/store/index.js";
import { describePostgres } from "../support/postgres.js";
import { compareSnapshots, snapshotScenario } from "./support/graph-invariants.js";
import { runQueueCycle } from "./support/queue-cycle.js";

// The demo cycle on the job queue with three worker processes, one SIGKILLed at each of these
// kill points (the crash harness's labels: inside a node, a node's edges, the checkpoint writes
// between nodes, the launch's outbox write in execute). Its job expires and another worker
// resumes the run from its checkpoint: every scope must be decided exactly once, with nothing
// duplicated or lost against an undisturbed queue run. `npm run test:slow` runs QUEUE_KILL_POINTS
// of them (default 3, spread over the areas, to keep CI's time), `QUEUE_KILL_POINTS=all` every one.
const ALL_POINTS = [
  { label: "run:checkpoint", nth: 2 },
  { label: "run:end:perceive", nth: 2 },
  { label: "run:end:plan_promotion", nth: 1 },
  { label: "run:start:check_policy", nth: 2 },
  { label: "run:node:check_policy", nth: 3 },
  { label: "run:node:execute", nth: 1 },
  { label: "run:node:execute", nth: 4 },
  { label: "run:checkpoint", nth: 9 },
  { label: "run:start:record", nth: 2 },
];
const WANTED = process.env.QUEUE_KILL_POINTS ?? "3";
if (WANTED !== "all" && !(Number(WANTED) >= 1))
  throw new Error(`QUEUE_KILL_POINTS must be a count of at least 1 or "all", got ${WANTED}`);
/** An even spread: by default a checkpoint write, the policy node's start and a launch. */
const POINTS =
  WANTED === "all"
    ? ALL_POINTS
    : ALL_POINTS.filter((_, i) => i % Math.ceil(ALL_POINTS.length / Number(WANTED)) === 0);

let work: string;
let template: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "autopromo-queue-kill-"));
  const demo = await demoDb(1);
  demo.db.close();
  template = join(work, "template.db");
  copyFileSync(demo.path, template);
  rmSync(demo.dir, { recursive: true, force: true });
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function copy(name: string): string {
  const path = join(work, `${name}.db`);
  copyFileSync(template, path);
  return path;
}

describePostgres("the job queue under kill -9", (pg) => {
  it(`decides every scope once with a worker SIGKILLed at ${POINTS.length} points`, async () => {
    const reference = copy("reference");
    const ref = await runQueueCycle(reference, pg.url, "kill_ref", [{}, {}]);
    expect(ref.ends.every((e) => e.state === "completed")).toBe(true);
    const refSnap = snapshotScenario(reference, join(work, "none"));
    const summary: string[] = [];
    let duplicates = 0;
    let losses = 0;
    const missed: string[] = [];
    for (const [k, kill] of POINTS.entries()) {
      const path = copy(`kill-${k}`);
      const run = await runQueueCycle(path, pg.url, `kill_${k}`, [{ kill }, {}, {}]);
      const killed = run.workers[0]!.signal === "SIGKILL";
      const db = openDb(path);
      const perScope = db
        .prepare("SELECT count(*) AS n FROM decisions GROUP BY category, market")
        .all() as { n: number }[];
      const scopes = allScopes(db).length;
      db.close();
      const diff = compareSnapshots(refSnap, snapshotScenario(path, join(work, "none")));
      const open = run.ends.filter((e) => e.state !== "completed").length;
      if (perScope.length !== scopes || perScope.some((r) => r.n !== 1))
        diff.losses.push(`decisions per scope: ${perScope.map((r) => r.n).join(",")}`);
      if (open > 0) diff.losses.push(`${open} job(s) not completed`);
      duplicates += diff.duplicates.length;
      losses += diff.losses.length;
      summary.push(
        `${kill.label} #${kill.nth}: ${killed ? "killed" : "NOT killed"}, ` +
          `duplicates ${diff.duplicates.length}, losses ${diff.losses.length}` +
          [...diff.duplicates, ...diff.losses].map((x) => `\n    ${x}`).join(""),
      );
      if (!killed) missed.push(`${kill.label} #${kill.nth}: ${run.workers[0]!.stderr.slice(-300)}`);
      rmSync(path, { force: true });
    }
    console.log(`queue-kill:\n  ${summary.join("\n  ")}`);
    expect(missed, "kill points the worker never reached").toEqual([]);
    expect({ duplicates, losses }).toEqual({ duplicates: 0, losses: 0 });
  }, 1_800_000);
});
