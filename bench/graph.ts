// The agent graph's speed: one scope from signal to policy-checked decision beside a bare 6-node
// LangGraph floor (same checkpointer, same run), and a full cycle over a generated 10,000-scope market.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { summariseTimings } from "../evals/runner/suites/latency.js";
import { dayAfterData } from "./data-clock.js";
import {
  allScopes,
  createPromotionGraph,
  runScope,
  useLightRunContext,
} from "../src/graph/index.js";
import { SqliteCheckpointer } from "../src/checkpoint/index.js";
import { runCycleInWorkers } from "../src/graph/index.js";
import { loadPolicy } from "../src/policies/index.js";
import { generateDemoMarket } from "../src/sim/demo/index.js";
import { generateScaleMarket } from "../src/sim/scale/index.js";
import {
  ingestDataset,
  ingestRecords,
  openDb,
  startWalCheckpointer,
  type Db,
} from "../src/store/index.js";

const RUNS = 200;

/**
 * How runs follow each other. "turn": each on its own event-loop turn, as the service takes
 * signals (an HTTP request each; its work queue yields before every job), so V8's scheduled
 * garbage-collection tasks run between them, as they do in production. "back-to-back": one chain
 * of promises with no turn, where those tasks never run and every collection falls inside a run.
 */
type Pace = "turn" | "back-to-back";
const nextTurn = () => new Promise<void>((r) => setImmediate(r));

/**
 * Times `RUNS` runs of `one` at `pace`, one pass after another. The first pass starts right after
 * the process has done each run once (as the bench always measured: JIT tiers, heap sizes and
 * memos still settling); the later ones measure the steady state a running service is in.
 */
async function passes<T>(one: (i: number) => Promise<T>, paces: Pace[]): Promise<T[][]> {
  const out: T[][] = [];
  let i = 0;
  for (const pace of paces) {
    const pass: T[] = [];
    for (let k = 0; k < RUNS; k++, i++) {
      if (pace === "turn") await nextTurn();
      pass.push(await one(i));
    }
    out.push(pass);
  }
  return out;
}

/** perceive → demand ∥ inventory → promotion → policy → record, each returning a small update. */
function floorGraph(db: Db) {
  useLightRunContext(); // as the benched graph opts in (lightRunContext: true): floor and graph measured on the same runtime
  const S = Annotation.Root({
    scope: Annotation<string>(),
    a: Annotation<number>(),
    b: Annotation<number>(),
    c: Annotation<number>(),
    d: Annotation<number>(),
    e: Annotation<number>(),
  });
  return new StateGraph(S)
    .addNode("perceive", () => ({ a: 1 }))
    .addNode("demand", () => ({ b: 1 }))
    .addNode("inventory", () => ({ c: 1 }))
    .addNode("promotion", () => ({ d: 1 }))
    .addNode("policy", () => ({ e: 1 }))
    .addNode("record", () => ({ a: 2 }))
    .addEdge(START, "perceive")
    .addEdge("perceive", "demand")
    .addEdge("perceive", "inventory")
    .addEdge(["demand", "inventory"], "promotion")
    .addEdge("promotion", "policy")
    .addEdge("policy", "record")
    .addEdge("record", END)
    .compile({ checkpointer: new SqliteCheckpointer(db) });
}

/** The floor's run times in milliseconds, one list per pace. */
async function floor(db: Db, paces: Pace[]): Promise<number[][]> {
  const g = floorGraph(db);
  const saver = g.checkpointer as SqliteCheckpointer;
  // Commits grouped, as runScope has them for the graph (SqliteCheckpointer.grouped).
  const run = (id: string) =>
    saver.grouped(() => g.invoke({ scope: "x" }, { configurable: { thread_id: id } }));
  for (let i = 0; i < 10; i++) await run(`floor-warm-${i}`);
  return passes(async (i) => {
    const t = performance.now();
    await run(`floor-${i}`);
    return performance.now() - t;
  }, paces);
}

/** A competitor cuts the price of one SKU of the scope; the scope's run then reaches its decision. */
async function signalToDecision(
  db: Db,
  paces: Pace[],
): Promise<{ run: number; total: number }[][]> {
  const clock = dayAfterData(db);
  const graph = createPromotionGraph({ db, clock, policy: loadPolicy(), lightRunContext: true });
  const scopes = allScopes(db);
  const skuOf = db
    .prepare("SELECT p.sku FROM products p WHERE p.category = ? ORDER BY p.sku LIMIT 1")
    .pluck();
  for (const scope of scopes) await runScope({ graph, db, clock }, scope); // warm: fits, statements, JIT
  return passes(async (i) => {
    const scope = scopes[i % scopes.length]!;
    const t0 = performance.now();
    const record = {
      competitor: "bench-rival",
      competitorProduct: `bench-${i}`,
      sku: skuOf.get(scope.category),
      market: scope.market,
      price: 1 + (i % 7) / 10,
      observedAt: clock.now().toISOString(),
      promoText: "price cut",
    };
    await ingestRecords(db, [[{ line: 1, values: record }]], {
      kind: "competitor_price",
      source: "bench-rival",
      origin: `bench:${i}`,
    });
    const t1 = performance.now();
    await runScope({ graph, db, clock }, scope, { kind: "event", reason: "competitor price cut" });
    const t2 = performance.now();
    return { run: t2 - t1, total: t2 - t0 };
  }, paces);
}

/**
 * Latency of one scope beside the bare-graph floor, both on the same SQLite file: right after
 * start (back-to-back, the figure earlier sessions reported), then in the steady state, each
 * signal on its own turn (the target's figure) and back-to-back.
 */
export async function benchGraphLatency(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), "autopromo-bench-graph-"));
  const db = openDb(join(dir, "bench.db"));
  // As the CLI and the service run the graph: WAL checkpoints on their own thread, not in a run's commit.
  const walCheckpoints = startWalCheckpointer(db);
  const paces: Pace[] = ["back-to-back", "turn", "back-to-back"];
  try {
    const [fStart, fTurn, fBack] = (await floor(db, paces)).map(summariseTimings) as [
      Timings,
      Timings,
      Timings,
    ];
    await ingestDataset(db, generateDemoMarket({ seed: 1 }), { origin: "demo:1" });
    const [start, turn, back] = await signalToDecision(db, paces);
    const total = (xs: { total: number }[]) => summariseTimings(xs.map((x) => x.total));
    const [s, t, b] = [total(start!), total(turn!), total(back!)];
    const r = summariseTimings(turn!.map((x) => x.run));
    const pair = (x: Timings) => `${round(x.median)} / ${round(x.p95)}`;
    return {
      "runs a pass": RUNS,
      "steady state, one signal a turn": "(as the service takes them; the target's figure)",
      "floor 6-node median ms": round(fTurn.median),
      "floor 6-node p95 ms": round(fTurn.p95),
      "scope run median ms": round(r.median),
      "scope run p95 ms": round(r.p95),
      "signal→decision median ms": round(t.median),
      "signal→decision p95 ms": round(t.p95),
      "p95 vs floor": `${round(t.p95 / fTurn.p95)}× (target p95 ≤ 25 ms)`,
      "steady, back-to-back: floor, signal→decision median / p95 ms": `${pair(fBack)}; ${pair(b)}`,
      "first 200 after start, back-to-back: floor, signal→decision": `${pair(fStart)}; ${pair(s)}`,
    };
  } finally {
    await walCheckpoints.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

type Timings = ReturnType<typeof summariseTimings>;

/** A full cycle over a generated market of `scopes` scopes (categories × 4 markets), on every core. */
export async function benchCycle(
  scopes = 10_000,
  workers = 2,
): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), "autopromo-bench-cycle-"));
  const path = join(dir, "cycle.db");
  const db = openDb(path);
  try {
    const t0 = performance.now();
    for (const chunk of generateScaleMarket({ categories: Math.ceil(scopes / 4), markets: 4 }))
      await ingestDataset(db, chunk, { origin: "scale" });
    const t1 = performance.now();
    const now = dayAfterData(db).now().toISOString();
    db.close();
    const report = await runCycleInWorkers({ dbPath: path, now, workers });
    const t2 = performance.now();
    const counts = Object.entries(report.byStatus)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    return {
      scopes: report.results.length,
      "market load s": round((t1 - t0) / 1000),
      workers,
      "cycle s": round((t2 - t1) / 1000),
      "scopes/s": round(report.results.length / ((t2 - t1) / 1000)),
      target: "≤ 60 s",
      outcomes: counts,
      "peak RSS MB (main + workers)": round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 10) / 10;
