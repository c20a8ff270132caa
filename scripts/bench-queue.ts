// Throughput of a cycle on the job queue: the same generated N-scope market (bench/graph.ts's
// scale market, planned the day after its data) run by 1, 2 and 4 `autopromo worker` processes
// sharing one SQLite file, with pg-boss on PostgreSQL. Prints scopes/s per worker count, the
// ratios to one worker, and the machine's load.
// Usage: eval "$(bash scripts/pg-test-cluster.sh start)"
//        nice -n 19 npx tsx scripts/bench-queue.ts [--scopes 1000] [--workers 1,2,4]
// The database comes from --database-url, AUTOPROMO_DATABASE_URL or AUTOPROMO_TEST_DATABASE_URL.
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { dayAfterData } from "../bench/data-clock.js";
import { allScopes } from "../src/graph/index.js";
import { enqueueCycle, openScopeQueue, waitForCycle } from "../src/queue/index.js";
import { generateScaleMarket } from "../src/sim/scale/index.js";
import { ingestDataset, openDb } from "../src/store/index.js";

const args = process.argv.slice(2);
const arg = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const scopes = Number(arg("scopes") ?? 1000);
const counts = (arg("workers") ?? "1,2,4").split(",").map(Number);
const url =
  arg("database-url") ??
  process.env.AUTOPROMO_DATABASE_URL ??
  process.env.AUTOPROMO_TEST_DATABASE_URL;
if (!url) {
  console.error(
    'bench-queue: set --database-url (eval "$(bash scripts/pg-test-cluster.sh start)")',
  );
  process.exit(1);
}
const MAIN = join(import.meta.dirname, "..", "src", "cli", "main.ts");

/** An `autopromo worker` process; resolves `ready` once it takes jobs. */
function worker(dbPath: string, schema: string): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(
    process.execPath,
    ["--max-semi-space-size=64", "--import", "tsx", MAIN, "worker", "--quiet"].concat([
      "--db",
      dbPath,
      "--queue-schema",
      schema,
      "--database-url",
      url!,
    ]),
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let err = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      if (/worker \d+: /.test(err)) resolve();
    });
    child.on("close", (code) => reject(new Error(`worker exited ${code}: ${err}`)));
  });
  return { child, ready };
}

const dir = mkdtempSync(join(tmpdir(), "autopromo-bench-queue-"));
try {
  const template = join(dir, "market.db");
  const db = openDb(template);
  const t0 = performance.now();
  for (const chunk of generateScaleMarket({ categories: Math.ceil(scopes / 4), markets: 4 }))
    await ingestDataset(db, chunk, { origin: "scale" });
  const now = dayAfterData(db).now().toISOString();
  const cycleScopes = allScopes(db).slice(0, scopes);
  db.close();
  console.log(
    `market: ${cycleScopes.length} scopes in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
      `${cpus().length} cores, load ${loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
  );
  const rates = new Map<number, number>();
  for (const n of counts) {
    const path = join(dir, `cycle-${n}.db`);
    copyFileSync(template, path);
    const schema = `bench_${n}_${Date.now() % 1e6}`;
    const queue = await openScopeQueue({ url, schema });
    const workers = Array.from({ length: n }, () => worker(path, schema));
    try {
      await Promise.all(workers.map((w) => w.ready));
      const load = loadavg()[0]!;
      const t = performance.now();
      const cycle = await enqueueCycle(queue, { now, scopes: cycleScopes });
      const ends = await waitForCycle(queue, cycle, { pollMs: 200 });
      const s = (performance.now() - t) / 1000;
      const failed = ends.filter((e) => !("status" in e.outcome)).length;
      rates.set(n, ends.length / s);
      console.log(
        `${n} worker(s): ${ends.length} scopes in ${s.toFixed(1)} s = ` +
          `${(ends.length / s).toFixed(1)} scopes/s (${failed} failed; load ${load.toFixed(2)} ` +
          `→ ${loadavg()[0]!.toFixed(2)})`,
      );
    } finally {
      // The next round starts on an idle machine: these workers have exited.
      const exited = workers.map((w) => new Promise((r) => w.child.once("close", r)));
      for (const w of workers) w.child.kill("SIGTERM");
      await Promise.all(exited);
      await queue.stop();
    }
  }
  const one = rates.get(1);
  if (one)
    for (const [n, r] of rates)
      if (n > 1) console.log(`ratio ${n} vs 1 worker: ${(r / one).toFixed(2)}×`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
