import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPromotionGraph, getDecision, runScope } from "../../src/graph/index.js";
import { DEMO_NOW, demoDb } from "../../src/graph/testing/demo-db.js";
import { loadPolicy } from "../../src/policies/index.js";
import { fixedClock } from "../../src/domain/index.js";
import type { Db } from "../../src/store/index.js";

// Issue #26, item 2: another process holding the write lock longer than busy_timeout (5 s) —
// as a 100,000-row ingest does — must not fail a run: it waits off the event loop and completes.
let db: Db;
let dir: string;
let path: string;
beforeAll(async () => {
  ({ db, dir, path } = await demoDb());
}, 300_000);
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A separate OS process that takes the write lock, says so, holds it `ms`, then commits. */
function holdLock(ms: number): { held: Promise<void>; done: Promise<number | null> } {
  const script = `const D=require(${JSON.stringify(createRequire(import.meta.url).resolve("better-sqlite3"))});const d=new D(${JSON.stringify(path)});d.pragma("busy_timeout = 60000");d.exec("BEGIN IMMEDIATE");d.exec("INSERT INTO run_leases VALUES ('lock-probe','probe','x','x')");console.log("held");setTimeout(()=>{d.exec("ROLLBACK");d.close();},${ms});`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const held = new Promise<void>((resolve) =>
    child.stdout.on("data", (b: Buffer) => b.toString().includes("held") && resolve()),
  );
  const done = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { held, done };
}

describe("lock contention never fails a run", () => {
  it("runs complete while another process holds the write lock for 8 s, and the event loop keeps turning", async () => {
    const clock = fixedClock(DEMO_NOW);
    const graph = createPromotionGraph({ db, clock, policy: loadPolicy() });
    const lock = holdLock(8_000);
    await lock.held;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 100);
    const t0 = Date.now();
    const results = await Promise.all([
      runScope({ graph, db, clock }, { category: "cereal", market: "DE" }),
    ]);
    clearInterval(timer);
    expect(await lock.done).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(5_000); // it did wait behind the lock
    for (const r of results) {
      expect(["running", "failed"]).not.toContain(getDecision(db, r.decisionId).status);
    }
    // Waiting happened on timers too, not only inside SQLite's busy handler.
    expect(ticks).toBeGreaterThan(0);
  }, 120_000);
});
