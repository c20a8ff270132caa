import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { openDb } from "./db.js";
import { writeTx } from "./write-tx.js";
import { WriteGate } from "./write-gate.js";

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const isHeld = (gate: WriteGate) => new Int32Array(gate.buffer)[0] !== 0;

/**
 * A thread that holds `gate` for `ms`, saying when it took it; the last thing it does holding the
 * gate is to set `done[0]`, which a thread let in after it must see (no clocks compared).
 */
function holdInWorker(gate: WriteGate, ms: number): { took: Promise<void>; done: Int32Array } {
  const url = new URL("./write-gate.ts", import.meta.url).href;
  const done = new Int32Array(new SharedArrayBuffer(4));
  const code = `import("tsx/esm/api").then(async (tsx) => {
    tsx.register();
    const { WriteGate } = await import(${JSON.stringify(url)});
    const { workerData, parentPort } = await import("node:worker_threads");
    new WriteGate(workerData.buffer).hold(() => {
      parentPort.postMessage("took");
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
      Atomics.store(new Int32Array(workerData.done), 0, 1);
    });
  })`;
  const worker = new Worker(code, {
    eval: true,
    workerData: { buffer: gate.buffer, ms, done: done.buffer },
  });
  const took = new Promise<void>((resolve, reject) => {
    worker.on("message", (m: unknown) => m === "took" && resolve());
    worker.on("error", reject);
  });
  return { took, done };
}

describe("WriteGate", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("lets one thread at a time through: a second waits until the first lets go", async () => {
    const gate = new WriteGate();
    const other = holdInWorker(gate, 150);
    await other.took;
    let sawOtherDone = false;
    gate.hold(() => {
      sawOtherDone = Atomics.load(other.done, 0) === 1;
    });
    expect(sawOtherDone).toBe(true);
    expect(isHeld(gate)).toBe(false);
  });

  it("is let go when the work throws, and returns what the work returns", () => {
    const gate = new WriteGate();
    expect(() =>
      gate.hold(() => {
        throw new Error("write failed");
      }),
    ).toThrow("write failed");
    expect(isHeld(gate)).toBe(false);
    expect(gate.hold(() => 42)).toBe(42);
  });

  it("waits out a gate held past its timeout instead of forever, leaving the holder's hold alone", () => {
    const held = new WriteGate();
    const impatient = new WriteGate(held.buffer, 30);
    const t0 = Date.now();
    held.hold(() => {
      // A thread stopped while holding the gate looks like this to the others.
      impatient.hold(() => sleepSync(1));
      expect(Date.now() - t0).toBeGreaterThanOrEqual(29);
      expect(isHeld(held)).toBe(true);
    });
    expect(isHeld(held)).toBe(false);
  });

  it("is taken by a gated connection's outermost writeTx only; db.transaction is the library's own", () => {
    const dir = mkdtempSync(join(tmpdir(), "autopromo-gate-"));
    dirs.push(dir);
    const gate = new WriteGate();
    const db = openDb(join(dir, "g.db"), { writeGate: gate });
    db.exec("CREATE TABLE t (n INTEGER)");
    const seen: boolean[] = [];
    writeTx(db, () => {
      seen.push(isHeld(gate));
      writeTx(db, () => {
        db.prepare("INSERT INTO t VALUES (1)").run();
        seen.push(isHeld(gate));
      });
    });
    db.transaction(() => seen.push(isHeld(gate)))();
    expect(seen).toEqual([true, true, false]);
    expect(isHeld(gate)).toBe(false);
    expect(db.prepare("SELECT count(*) FROM t").pluck().get()).toBe(1);
    expect(Object.hasOwn(db, "transaction")).toBe(false);
    db.close();
  });

  it("begins IMMEDIATE: the write lock is held from the start, before any write", () => {
    const dir = mkdtempSync(join(tmpdir(), "autopromo-gate-"));
    dirs.push(dir);
    const db = openDb(join(dir, "i.db"));
    const other = openDb(join(dir, "i.db"), { busyTimeoutMs: 0 });
    writeTx(db, () => {
      // A read only, yet another connection cannot take the write lock meanwhile.
      db.prepare("SELECT 1").get();
      expect(() => other.exec("BEGIN IMMEDIATE")).toThrow(/locked|busy/i);
    });
    other.exec("BEGIN IMMEDIATE");
    other.exec("ROLLBACK");
    other.close();
    db.close();
  });
});
