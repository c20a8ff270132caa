import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDb } from "../../src/graph/testing/demo-db.js";
import { loadDemoShoppers } from "../../src/sim/demo/shoppers-load.js";
import { finished, startScript } from "./support/child.js";
import {
  compareSnapshots,
  snapshotScenario,
  type Differences,
  type ScenarioSnapshot,
} from "./support/graph-invariants.js";
import { SCENARIO_POLICY, SCENARIO_SCOPES } from "./support/graph-scenario.js";
import { areaOf, planKillPoints, type KillPoint } from "./support/kill-plan.js";

// SIGKILL the process that runs the promotion graph at enumerated points — inside and between
// every node, while an approval is answered, in the outbox — restart it, and compare what the
// database and the channels hold with the same run left alone: every run must complete, and
// nothing may be duplicated (decisions, votes, campaigns, verdicts, messages applied) or lost
// (decisions, approvals, deliveries, signals). `npm run test:slow`; CRASH_GRAPH_KILLS to change
// the number of kill points, CRASH_GRAPH_LANES the processes run at once.
const KILLS = Number(process.env.CRASH_GRAPH_KILLS ?? 60);
const LANES = Number(process.env.CRASH_GRAPH_LANES ?? 2);
/** Killed databases one restart process takes on in turn (each still restarts cold from its file). */
const BATCH = 6;
/** Every SECOND_KILL_EVERY-th point also kills its first restart, early (while it resumes the cut run). */
const SECOND_KILL_EVERY = 5;
/** Restart clocks run ahead, each past the 5-minute outbox lease the process before it may hold. */
const RECOVERY_OFFSET_MS = String(10 * 60_000);
const RESTART_OFFSET_MS = String(20 * 60_000);
const EXPECTED: Record<string, string> = {
  "crash-cereal-DE": "executed",
  "crash-frozen-US-EAST": "executed",
  "crash-snacks-DE": "blocked",
  "crash-personal_care-US-EAST": "rejected",
  "crash-frozen-UK-email": "executed",
};
const NODES = [
  "perceive",
  "forecast_demand",
  "assess_inventory",
  "plan_promotion",
  "target_audience",
  "check_policy",
  "revise",
  "await_approval",
  "execute",
  "record",
];

interface JobReport {
  db: string;
  ok: boolean;
  error?: string;
  recovered: string[];
  threads: Record<string, { next: string[]; interrupted: boolean }>;
  trace: string[];
}

let work: string;
let template: string;
let policyFile: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "autopromo-crash-graph-"));
  const demo = await demoDb(1);
  loadDemoShoppers(demo.db, { seed: 1 });
  demo.db.close();
  template = join(work, "template.db");
  copyFileSync(demo.path, template);
  rmSync(demo.dir, { recursive: true, force: true });
  policyFile = join(work, "policy.yaml");
  writeFileSync(policyFile, SCENARIO_POLICY);
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Job {
  dir: string;
  db: string;
  out: string;
  scope: string;
}

/** A fresh copy of the demo database and an empty channel sandbox for one run of `scope`. */
function fresh(name: string, scope: string): Job {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const db = join(dir, "store.db");
  copyFileSync(template, db);
  return { dir, db, out: join(dir, "out"), scope };
}

/** Runs the scenario child over `jobs` (one process, one database after another). */
async function scenario(jobs: Job[], offset: string, env: Record<string, string> = {}) {
  const r = await finished(
    startScript(
      "graph-run.ts",
      [policyFile, offset, ...jobs.map((j) => `${j.db}|${j.out}|${j.scope}`)],
      { LANGCHAIN_CALLBACKS_BACKGROUND: "false", ...env },
    ),
  );
  const lines = r.stdout.split("\n").filter((l) => l.startsWith("{"));
  const reports = new Map(
    lines
      .map((l) => JSON.parse(l) as JobReport & { killed?: number; label?: string })
      .filter((x) => x.db)
      .map((x) => [x.db, x]),
  );
  const killed = lines
    .map((l) => JSON.parse(l) as { killed?: number; label?: string; after?: string | null })
    .find((x) => x.killed !== undefined);
  return { result: r, reports, killed };
}

interface PointResult extends Differences {
  point: KillPoint;
  /** Where the child really died, or why it did not. */
  killedAt: string;
  /** For a kill in a checkpoint write: the node that had ended last. */
  after?: string;
  /** Where the first restart died too, when it was killed during its recovery. */
  secondKillAt?: string;
  recovered: string[];
}

const diedAt = (run: Awaited<ReturnType<typeof scenario>>) =>
  run.result.signal === "SIGKILL" && run.killed
    ? run.killed.label!
    : `not killed (exit ${run.result.code ?? run.result.signal})`;

/** Kills one fresh run per point, then restarts them all from their files in one new process and compares. */
async function killBatch(
  points: { point: KillPoint; k: number }[],
  refs: Record<string, ScenarioSnapshot>,
): Promise<PointResult[]> {
  const jobs: Job[] = [];
  const results: PointResult[] = [];
  for (const { point, k } of points) {
    const job = fresh(`kill-${k}`, point.scope);
    const first = await scenario([job], "0", {
      CRASH_KILL_LABEL: point.label,
      CRASH_KILL_NTH: String(point.nth),
    });
    const r: PointResult = {
      point,
      killedAt: diedAt(first),
      ...(first.killed?.after ? { after: first.killed.after } : {}),
      duplicates: [],
      losses: [],
      recovered: [],
    };
    // A crash while recovering from a crash: the restart dies within its first few dozen ticks.
    if (k % SECOND_KILL_EVERY === 0)
      r.secondKillAt = diedAt(
        await scenario([job], RECOVERY_OFFSET_MS, { CRASH_KILL_TICK: String(3 + ((k * 7) % 40)) }),
      );
    jobs.push(job);
    results.push(r);
  }
  const restart = await scenario(jobs, RESTART_OFFSET_MS);
  jobs.forEach((job, i) => {
    const r = results[i]!;
    const rep = restart.reports.get(job.db);
    if (!rep?.ok)
      r.losses.push(
        `restart failed: ${rep?.error?.split("\n")[0] ?? restart.result.stderr.slice(-500)}`,
      );
    else {
      r.recovered = rep.recovered;
      for (const [id, t] of Object.entries(rep.threads))
        if (t.next.length > 0) r.losses.push(`run did not complete: ${id} at ${t.next.join("+")}`);
    }
    const diff = compareSnapshots(refs[job.scope]!, snapshotScenario(job.db, job.out));
    r.duplicates.push(...diff.duplicates);
    r.losses.push(...diff.losses);
    rmSync(job.dir, { recursive: true, force: true });
  });
  return results;
}

describe("the promotion graph under kill -9", () => {
  it(`resumes every run after SIGKILLs at ${KILLS}+ points over every node, the approval wait and the outbox, with nothing duplicated or lost`, async () => {
    // Reference runs, left alone: their traces name every tick, their databases the expected end state.
    const refJobs = SCENARIO_SCOPES.map((s) => fresh(`ref-${s.decisionId}`, s.decisionId));
    const halves = Array.from({ length: LANES }, (_, lane) =>
      refJobs.filter((_, i) => i % LANES === lane),
    );
    const refRuns = await Promise.all(
      halves.map((jobs) => scenario(jobs, "0", { CRASH_TRACE: "1" })),
    );
    const traces: Record<string, string[]> = {};
    const refs: Record<string, ScenarioSnapshot> = {};
    for (const job of refJobs) {
      const rep = refRuns.map((r) => r.reports.get(job.db)).find(Boolean);
      expect(
        rep?.ok,
        `reference run of ${job.scope}: ${rep?.error ?? refRuns.map((r) => r.result.stderr).join("")}`,
      ).toBe(true);
      traces[job.scope] = rep!.trace;
      refs[job.scope] = snapshotScenario(job.db, job.out);
      expect(refs[job.scope]!.decisions).toEqual([`${job.scope} ${EXPECTED[job.scope]}`]);
    }

    // Node boundaries (checkpoint writes), delivery and the approver's own statements are where
    // duplicates and losses would come from: each gets a floor of points.
    const floors = {
      "run:checkpoint": 12,
      "approve:checkpoint": 4,
      "deliver:sql": 6,
      "approve:sql": 4,
    };
    const points = planKillPoints(traces, KILLS, floors).map((point, k) => ({ point, k }));
    const results: PointResult[] = [];
    await Promise.all(
      Array.from({ length: LANES }, async (_, lane) => {
        const mine = points.filter((_, i) => i % LANES === lane);
        for (let b = 0; b < mine.length; b += BATCH)
          results.push(...(await killBatch(mine.slice(b, b + BATCH), refs)));
      }),
    );

    const tried = results.filter((r) => !r.killedAt.startsWith("not killed"));
    const byArea = new Map<string, number>();
    for (const r of tried)
      byArea.set(areaOf(r.killedAt), (byArea.get(areaOf(r.killedAt)) ?? 0) + 1);
    const duplicates = results.reduce((n, r) => n + r.duplicates.length, 0);
    const losses = results.reduce((n, r) => n + r.losses.length, 0);
    const approvalWait = tried.filter(
      (r) => r.killedAt.startsWith("approve:") || r.killedAt.endsWith(":await_approval"),
    ).length;
    const outbox = tried.filter(
      (r) => areaOf(r.killedAt) === "outbox" || r.killedAt.endsWith(":execute"),
    ).length;
    const secondKills = results.filter(
      (r) => r.secondKillAt && !r.secondKillAt.startsWith("not killed"),
    );
    const checkpoints = new Map<string, number>();
    for (const r of tried.filter((x) => x.killedAt.endsWith(":checkpoint")))
      checkpoints.set(
        r.after ?? "phase start",
        (checkpoints.get(r.after ?? "phase start") ?? 0) + 1,
      );
    console.log(
      `crash-graph: kill points tried ${tried.length} of ${results.length} planned (${approvalWait} in the approval wait, ${outbox} in execute/outbox; ` +
        `${secondKills.length} restarts killed again while recovering: ${secondKills.map((r) => r.secondKillAt).join(", ")}), ` +
        `per area: ${[...byArea]
          .sort()
          .map(([a, n]) => `${a} ${n}`)
          .join(", ")} (checkpoint writes after: ${[...checkpoints]
          .sort()
          .map(([a, n]) => `${a} ${n}`)
          .join(", ")}); ` +
        `duplicates ${duplicates}, losses ${losses}`,
    );
    for (const r of results.filter(
      (x) => x.duplicates.length || x.losses.length || x.killedAt.startsWith("not killed"),
    )) {
      console.log(
        `  ${r.point.scope} ${r.point.label} #${r.point.nth} (${r.killedAt}${r.secondKillAt ? `, then ${r.secondKillAt}` : ""}): ${[...r.duplicates.map((d) => `DUP ${d}`), ...r.losses.map((l) => `LOST ${l}`)].join("; ")}`,
      );
    }
    expect(tried.length).toBe(results.length);
    expect(tried.length).toBeGreaterThanOrEqual(Math.min(KILLS, 50));
    if (KILLS >= 50) {
      expect(
        NODES.filter((n) => !byArea.has(n)),
        "graph nodes with no kill point",
      ).toEqual([]);
      expect(byArea.get("outbox") ?? 0, "kill points in the outbox").toBeGreaterThan(0);
      expect(
        byArea.get("approval (vote, resume)") ?? 0,
        "kill points while an approval is answered",
      ).toBeGreaterThan(0);
    }
    expect({ duplicates, losses }).toEqual({ duplicates: 0, losses: 0 });
  }, 3_600_000);
});
