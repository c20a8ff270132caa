// Issue #9's bounded resources for the agent graph: peak RSS of a full cycle at two market sizes,
// each measured in fresh child processes — one generates and ingests the market, another runs
// only the cycle — so neither the other size nor the market load is counted. Memory must not grow
// with the number of scopes beyond the data kept (one small result per scope), so the ratio should
// stay near 1 while the scopes grow fourfold. RSS is also sampled at each quarter of the cycle.
// RSS includes garbage V8 has not collected yet, so a third child runs the smaller market's scopes
// on one thread with a full GC at each quarter: the heap that survives is what the process keeps
// (the bounded memos of fitted facts), and it must level off rather than climb with the scopes.
// Runs as its own children: `node --import tsx bench/cycle-memory.ts --market <db> <scopes>`,
// `--cycle <db> <workers>` and `node --expose-gc --import tsx bench/cycle-memory.ts --heap <db>`.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dayAfterData } from "./data-clock.js";
import {
  allScopes,
  createPromotionGraph,
  runCycleInWorkers,
  runScope,
} from "../src/graph/index.js";
import { loadPolicy } from "../src/policies/index.js";
import { generateScaleMarket } from "../src/sim/scale/index.js";
import { ingestDataset, openDb } from "../src/store/index.js";

/** What the cycle child reports. */
export interface CycleMemory {
  scopes: number;
  seconds: number;
  /** RSS once the database is open and the modules loaded, before the first scope. */
  startRssMb: number;
  /** RSS after each quarter of the scopes (main thread and workers share the process). */
  quarterRssMb: number[];
  /** Peak RSS of the whole process over the cycle, workers included. */
  peakRssMb: number;
}

/** What the heap child reports: the heap left after a full GC, before the first scope and after each quarter. */
export interface HeapProbe {
  scopes: number;
  retainedMb: number[];
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function market(dbPath: string, scopes: number): Promise<void> {
  const db = openDb(dbPath);
  for (const chunk of generateScaleMarket({ categories: Math.ceil(scopes / 4), markets: 4 }))
    await ingestDataset(db, chunk, { origin: "scale" });
  db.close();
}

async function cycle(dbPath: string, workers: number): Promise<void> {
  const db = openDb(dbPath);
  const now = dayAfterData(db).now().toISOString();
  db.close();
  const startRssMb = mb(process.memoryUsage.rss());
  const quarterRssMb: number[] = [];
  let nextQuarter = 1;
  const t0 = performance.now();
  const report = await runCycleInWorkers({
    dbPath,
    now,
    workers,
    onScope: (done, total) => {
      while (total > 0 && done >= (nextQuarter * total) / 4 && nextQuarter <= 4) {
        quarterRssMb.push(mb(process.memoryUsage.rss()));
        nextQuarter++;
      }
    },
  });
  const out: CycleMemory = {
    scopes: report.results.length,
    seconds: (performance.now() - t0) / 1000,
    startRssMb,
    quarterRssMb,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(JSON.stringify(out));
}

/** The scopes of a cycle one after another on this thread (as a cycle worker runs its share), with a full GC at each quarter. */
async function heap(dbPath: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run the heap probe with node --expose-gc");
  const db = openDb(dbPath);
  const clock = dayAfterData(db);
  const graph = createPromotionGraph({ db, clock, policy: loadPolicy(), lightRunContext: true });
  const scopes = allScopes(db);
  const retained = () => {
    gc();
    return mb(process.memoryUsage().heapUsed);
  };
  const retainedMb = [retained()];
  for (let i = 0; i < scopes.length; i++) {
    await runScope({ graph, db, clock }, scopes[i]!, { kind: "cycle" });
    if (retainedMb.length < 5 && i + 1 >= (retainedMb.length * scopes.length) / 4)
      retainedMb.push(retained());
  }
  db.close();
  process.stdout.write(JSON.stringify({ scopes: scopes.length, retainedMb } satisfies HeapProbe));
}

const self = fileURLToPath(import.meta.url);
const child = (args: string[], node: string[] = []) =>
  execFileSync(process.execPath, [...node, "--import", "tsx", self, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
    stdio: ["ignore", "pipe", "inherit"],
  });

/** Generates a market of `scopes` scopes in one child, then runs one cycle over it in another (and, with `probe`, the heap probe over a copy in a third). */
export async function measureCycleMemory(
  scopes: number,
  workers: number,
  probe = false,
): Promise<{ cycle: CycleMemory; heap?: HeapProbe }> {
  const work = mkdtempSync(join(tmpdir(), "autopromo-bench-cycle-memory-"));
  try {
    const db = join(work, "cycle.db");
    child(["--market", db, String(scopes)]);
    let probed: HeapProbe | undefined;
    if (probe) {
      // On a copy: the probe's decisions and campaigns must not change what the cycle plans.
      const copy = join(work, "probe.db");
      copyFileSync(db, copy);
      probed = JSON.parse(child(["--heap", copy], ["--expose-gc"])) as HeapProbe;
    }
    const cycle = JSON.parse(child(["--cycle", db, String(workers)])) as CycleMemory;
    return { cycle, ...(probed ? { heap: probed } : {}) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Peak RSS of a 2,500-scope and a 10,000-scope cycle (same workers), their ratio, and the retained heap over the smaller one's scopes. */
export async function benchCycleMemory(
  small = 2_500,
  large = 10_000,
  workers = 2,
): Promise<Record<string, number | string>> {
  const { cycle: a, heap: h } = await measureCycleMemory(small, workers, true);
  const { cycle: b } = await measureCycleMemory(large, workers);
  const line = (m: CycleMemory) => `${m.startRssMb} → ${m.quarterRssMb.join(" / ")} MB`;
  return {
    [`heap after GC, ${h!.scopes} scopes on one thread: start → quarters`]: `${h!.retainedMb[0]} → ${h!.retainedMb.slice(1).join(" / ")} MB`,
    workers,
    [`cycle_${small}.scopes`]: a.scopes,
    [`cycle_${small}.seconds`]: Math.round(a.seconds),
    [`cycle_${small}.peak_rss_mb`]: a.peakRssMb,
    [`cycle_${small}.rss start → quarters`]: line(a),
    [`cycle_${large}.scopes`]: b.scopes,
    [`cycle_${large}.seconds`]: Math.round(b.seconds),
    [`cycle_${large}.peak_rss_mb`]: b.peakRssMb,
    [`cycle_${large}.rss start → quarters`]: line(b),
    [`peak_rss_${large}_vs_${small}.ratio`]: Math.round((b.peakRssMb / a.peakRssMb) * 100) / 100,
  };
}

if (process.argv[2] === "--market") await market(process.argv[3]!, Number(process.argv[4]));
else if (process.argv[2] === "--cycle") await cycle(process.argv[3]!, Number(process.argv[4]));
else if (process.argv[2] === "--heap") await heap(process.argv[3]!);
else if (process.argv[1] === self) {
  // Alone: `npx tsx bench/cycle-memory.ts [small] [large] [workers]`.
  const [s, l, w] = process.argv.slice(2).map(Number);
  console.log(await benchCycleMemory(s || undefined, l || undefined, w || undefined));
}
