// Issue #6 item 9: 50 concurrent clients post signals and read decisions for 30 s on loopback
// against the real server in its own process (so the load generator does not share its thread),
// on a temp copy of the demo market. Errors and lost signals (acknowledged but not stored) must be 0.
// The server child also runs on its own: `node --import tsx bench/load.ts --serve <db> <api|service>`.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createPromotionGraph, runScope } from "../src/graph/index.js";
import { loadPolicy } from "../src/policies/index.js";
import { fixedClock } from "../src/domain/index.js";
import { createToken, ensureDemoMarket, startServer, startService } from "../src/server/index.js";
import { openDb } from "../src/store/index.js";

const CLIENTS = 50;
const SOURCE = "bench-load";
/** A page of full decision records (about 30 KB each on the demo market) per read. */
const DECISIONS_PER_READ = 20;
const NOW = "2026-11-23T12:00:00Z";
/** Demo SKUs in US-EAST a competitor's price can name (all four categories). */
const SKUS = ["SNK-01", "SNK-02", "CER-01", "CER-04", "BEV-02", "FRZ-02", "PCR-02"];

interface ServerInfo {
  url: string;
  tokens: string[];
}

/** The server process: starts on an ephemeral port and prints its URL and the clients' tokens. */
async function serve(dbPath: string, mode: "api" | "service"): Promise<void> {
  const db = openDb(dbPath);
  const tokens = Array.from(
    { length: CLIENTS },
    (_, i) => createToken(db, { role: "supply_chain", name: `load-${i}` }, fixedClock(NOW)).secret,
  );
  db.close();
  // The per-token limit (600/min) would turn the bench into a test of the limiter.
  const common = { dbPath, port: 0, rateLimitPerMinute: 1_000_000_000 };
  const s =
    mode === "api"
      ? await startServer(common)
      : await startService({
          ...common,
          cycleEveryMs: 0,
          deliverEveryMs: 2_000,
          resumeUnfinished: false,
        });
  process.stdout.write(`${JSON.stringify({ url: s.url, tokens } satisfies ServerInfo)}\n`);
  process.on("SIGTERM", () => void s.close().then(() => process.exit(0)));
}

/** Latencies of one route, in ms. */
class Route {
  readonly ms: number[] = [];
  pct(p: number): number {
    const s = [...this.ms].sort((a, b) => a - b);
    return s.length
      ? Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10
      : 0;
  }
}

interface LoadResult {
  seconds: number;
  requests: number;
  acknowledged: number;
  errors: number;
  routes: Record<string, Route>;
  firstErrors: string[];
}

async function drive(info: ServerInfo, seconds: number): Promise<LoadResult> {
  const routes = {
    "POST /signals": new Route(),
    "GET /decisions": new Route(),
    "GET /decisions/:id": new Route(),
  };
  const out: LoadResult = {
    seconds,
    requests: 0,
    acknowledged: 0,
    errors: 0,
    routes,
    firstErrors: [],
  };
  const fail = (what: string) => {
    out.errors++;
    if (out.firstErrors.length < 5) out.firstErrors.push(what);
  };
  const call = async (
    route: keyof typeof routes,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<unknown> => {
    const t0 = performance.now();
    try {
      const res = await fetch(`${info.url}${path}`, {
        method: body ? "POST" : "GET",
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body ? { "Content-Type": "application/json" } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const json = (await res.json()) as unknown;
      routes[route].ms.push(performance.now() - t0);
      out.requests++;
      if (res.status !== 200)
        return fail(`${route}: HTTP ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
      return json;
    } catch (e) {
      return fail(`${route}: ${(e as Error).message}`);
    }
  };
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let ids: string[] = [];
  await Promise.all(
    info.tokens.map(async (token, c) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const sku = SKUS[(c + i) % SKUS.length]!;
        const row = {
          competitor: "LoadBench",
          competitor_product: `LB-${c}-${i}`,
          market: "US-EAST",
          sku,
          price: 1.5 + ((c * 31 + i) % 200) / 100,
          observed_at: "2026-11-23T09:00:00Z",
        };
        const report = (await call(
          "POST /signals",
          `/signals/competitor_price?source=${SOURCE}`,
          token,
          [row],
        )) as { stored?: number } | undefined;
        out.acknowledged += report?.stored ?? 0;
        const list = (await call(
          "GET /decisions",
          `/decisions?limit=${DECISIONS_PER_READ}`,
          token,
        )) as { decisions?: { id: string }[] } | undefined;
        if (list?.decisions?.length) ids = list.decisions.map((d) => d.id);
        if (ids.length)
          await call("GET /decisions/:id", `/decisions/${ids[(c + i) % ids.length]}`, token);
      }
    }),
  );
  // Requests still in flight at the deadline are waited for and counted: the rate is over the whole run.
  out.seconds = (performance.now() - start) / 1000;
  return out;
}

/** Starts the server child, drives it, stops it, and counts what the database holds. */
async function pass(
  dbPath: string,
  mode: "api" | "service",
  seconds: number,
): Promise<Record<string, number | string>> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), "--serve", dbPath, mode],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`server child exited with ${code}`)));
  });
  const info = JSON.parse(line) as ServerInfo;
  const r = await drive(info, seconds);
  child.kill("SIGTERM");
  await new Promise((res) => child.once("exit", res));
  const db = openDb(dbPath);
  const stored = (
    db.prepare("SELECT count(*) AS n FROM competitor_prices WHERE source = ?").get(SOURCE) as {
      n: number;
    }
  ).n;
  const decisions = (
    db.prepare("SELECT count(*) AS n FROM decisions WHERE trigger = 'event'").get() as { n: number }
  ).n;
  db.close();
  for (const e of r.firstErrors) console.error(`load (${mode}): ${e}`);
  const p = `${mode}.`;
  const figures: Record<string, number | string> = {
    [`${p}clients`]: CLIENTS,
    [`${p}seconds`]: Math.round(r.seconds * 10) / 10,
    [`${p}decisions_per_read`]: DECISIONS_PER_READ,
    [`${p}requests_per_s`]: Math.round(r.requests / r.seconds),
    [`${p}signals_per_s`]: Math.round(r.acknowledged / r.seconds),
  };
  for (const [name, route] of Object.entries(r.routes)) {
    figures[`${p}${name} p50_ms`] = route.pct(50);
    figures[`${p}${name} p99_ms`] = route.pct(99);
  }
  Object.assign(figures, {
    [`${p}errors`]: r.errors,
    [`${p}signals_acknowledged`]: r.acknowledged,
    [`${p}signals_stored`]: stored,
    [`${p}signals_lost`]: r.acknowledged - stored,
  });
  if (mode === "service") figures[`${p}signal_runs_recorded`] = decisions;
  return figures;
}

/**
 * Two passes on copies of one demo database: `api` is the HTTP server alone (startServer), the
 * figure issue #6 asks for; `service` is what `npm start` runs, where every signal also queues a
 * run of the scope it touches, so the graph competes with the API for the server's core.
 */
export async function benchLoad(seconds = 30): Promise<Record<string, number | string>> {
  const work = mkdtempSync(join(tmpdir(), "autopromo-bench-load-"));
  try {
    const seed = join(work, "seed.db");
    const db = openDb(seed);
    await ensureDemoMarket(db, 1);
    // A few decisions for the clients to read.
    const clock = fixedClock(NOW);
    const graph = createPromotionGraph({ db, clock, policy: loadPolicy(), lightRunContext: true });
    for (const category of ["snacks", "cereal", "frozen", "beverages"])
      await runScope({ graph, db, clock }, { category, market: "US-EAST" });
    db.close();
    const out: Record<string, number | string> = {};
    for (const mode of ["api", "service"] as const) {
      const copy = join(work, `${mode}.db`);
      copyFileSync(seed, copy);
      Object.assign(out, await pass(copy, mode, seconds));
    }
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--serve")
  await serve(process.argv[3]!, process.argv[4] as "api" | "service");
else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [k, v] of Object.entries(await benchLoad(Number(process.argv[2] ?? 30))))
    console.log(`${k.padEnd(40)} ${typeof v === "number" ? v.toLocaleString("en-US") : v}`);
}
