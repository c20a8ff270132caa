import { describe, expect, it } from "vitest";
import { createCycleScheduler, type Timers } from "./schedule.js";

/** Timers a test fires by hand: fire() runs every timer due by the new time. */
function manualTimers(): Timers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let seq = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  return {
    setTimeout: (fn, ms) => {
      const id = ++seq;
      due.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h) => void due.delete(h as number),
    advance(ms) {
      now += ms;
      for (const [id, t] of [...due].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at > now) continue;
        due.delete(id);
        t.fn();
      }
    },
    pending: () => due.size,
  };
}

/** A cycle the test finishes by hand, counting how many run at once. */
function gatedCycles() {
  const gates: (() => void)[] = [];
  let active = 0;
  let maxActive = 0;
  let started = 0;
  const cycle = (signal: AbortSignal) =>
    new Promise<number>((resolve) => {
      started++;
      active++;
      maxActive = Math.max(maxActive, active);
      const done = () => {
        active--;
        resolve(started);
      };
      gates.push(done);
      signal.addEventListener("abort", done, { once: true });
    });
  return {
    cycle,
    finishOne: () => gates.shift()?.(),
    stats: () => ({ started, active, maxActive }),
  };
}

const flush = () => new Promise((r) => setImmediate(r));

describe("cycle scheduler", () => {
  it("ticks every interval, skips a tick while the previous cycle runs, never runs two at once", async () => {
    const timers = manualTimers();
    const g = gatedCycles();
    const ticks: string[] = [];
    const s = createCycleScheduler({
      everyMs: 1000,
      cycle: g.cycle,
      timers,
      onTick: (o) => ticks.push(o.kind),
    });
    s.start();
    timers.advance(999);
    expect(g.stats().started).toBe(0);
    timers.advance(1);
    expect(g.stats().started).toBe(1);
    timers.advance(1000); // the first cycle still runs: skipped
    timers.advance(1000);
    expect(g.stats()).toMatchObject({ started: 1, maxActive: 1 });
    expect(ticks).toEqual(["skipped", "skipped"]);
    g.finishOne();
    await flush();
    expect(ticks).toEqual(["skipped", "skipped", "ran"]);
    timers.advance(1000);
    expect(g.stats().started).toBe(2);
    // A manual run joins the cycle in progress instead of starting a second one.
    const joined = s.runNow();
    expect(g.stats()).toMatchObject({ started: 2, maxActive: 1 });
    g.finishOne();
    expect(await joined).toBe(2);
    expect(s.stats).toEqual({ ran: 2, skipped: 2, failed: 0 });
  });

  it("stop() aborts the running cycle, waits for it and schedules nothing more", async () => {
    const timers = manualTimers();
    const g = gatedCycles();
    const s = createCycleScheduler({ everyMs: 1000, cycle: g.cycle, timers });
    s.start();
    timers.advance(1000);
    expect(s.running).toBe(true);
    await s.stop();
    expect(s.running).toBe(false);
    expect(timers.pending()).toBe(0);
    timers.advance(10_000);
    expect(g.stats().started).toBe(1);
  });

  it("a failing cycle is reported and the schedule goes on", async () => {
    const timers = manualTimers();
    const ticks: string[] = [];
    let n = 0;
    const s = createCycleScheduler({
      everyMs: 10,
      timers,
      cycle: async () => (++n === 1 ? Promise.reject(new Error("db locked")) : n),
      onTick: (o) => ticks.push(o.kind),
    });
    s.start();
    timers.advance(10);
    await flush();
    timers.advance(10);
    await flush();
    expect(ticks).toEqual(["failed", "ran"]);
    await s.stop();
  });

  it("rejects a non-positive interval", () => {
    expect(() => createCycleScheduler({ everyMs: 0, cycle: async () => 1 })).toThrow(/everyMs/);
  });
});
