import { describe, expect, it } from "vitest";
import {
  createCycleScheduler,
  createWorkQueue,
  isServiceError,
  type Timers,
} from "../../src/server/service/index.js";

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

describe("work queue", () => {
  it("runs one job at a time, puts event runs before waiting cycle runs, and joins a scope already waiting", async () => {
    const order: string[] = [];
    let active = 0;
    let maxActive = 0;
    let started!: () => void;
    const firstStarted = new Promise<void>((r) => (started = r));
    const q = createWorkQueue(async (job) => {
      active++;
      maxActive = Math.max(maxActive, active);
      started();
      await new Promise((r) => setTimeout(r, 5));
      order.push(`${job.trigger.kind}:${job.scope.category}`);
      active--;
      return job.trigger.kind;
    });
    const a = q.submit({ scope: { category: "a", market: "M" }, trigger: { kind: "cycle" } });
    // Wait until a is running: a fixed 1 ms could fire before the queue's first turn on a loaded machine.
    await firstStarted;
    const b = q.submit({ scope: { category: "b", market: "M" }, trigger: { kind: "cycle" } });
    const c = q.submit({ scope: { category: "c", market: "M" }, trigger: { kind: "cycle" } });
    const e = q.submit({
      scope: { category: "e", market: "M" },
      trigger: { kind: "event", reason: "price cut" },
    });
    // A signal for c, which waits as a cycle run: c becomes an event run, once, for both waiters.
    const c2 = q.submit({
      scope: { category: "c", market: "M" },
      trigger: { kind: "event", reason: "price cut" },
    });
    expect(await Promise.all([a, b, c, e, c2])).toEqual([
      "cycle",
      "cycle",
      "event",
      "event",
      "event",
    ]);
    expect(order).toEqual(["cycle:a", "event:e", "event:c", "cycle:b"]);
    expect(maxActive).toBe(1);
  });

  it("close() drops waiting jobs with ABANDONED and waits for the running one", async () => {
    let finished = 0;
    const q = createWorkQueue(async () => {
      await new Promise((r) => setTimeout(r, 20));
      return ++finished;
    });
    const first = q.submit({ scope: { category: "a", market: "M" }, trigger: { kind: "cycle" } });
    const second = q
      .submit({ scope: { category: "b", market: "M" }, trigger: { kind: "cycle" } })
      .catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 5)); // the first is running
    await q.close();
    expect(await first).toBe(1);
    expect(isServiceError(await second, "ABANDONED")).toBe(true);
    await expect(
      q.submit({ scope: { category: "c", market: "M" }, trigger: { kind: "cycle" } }),
    ).rejects.toThrow(/shutting down/);
    expect(finished).toBe(1);
  });
});

describe("parseDuration (--every, --deliver-every, --grace)", () => {
  it("reads 15m, 30s, 1h30m, 500ms and off; refuses anything else, naming the option", async () => {
    const { parseDuration } = await import("../../src/server/service/index.js");
    expect([
      parseDuration("15m"),
      parseDuration("30s"),
      parseDuration("1h30m"),
      parseDuration("500ms"),
      parseDuration("off"),
      parseDuration("0"),
    ]).toEqual([900_000, 30_000, 5_400_000, 500, 0, 0]);
    expect(() => parseDuration("15 minutes", "--every")).toThrow(
      /--every: not a duration: "15 minutes"/,
    );
    expect(() => parseDuration("m", "--every")).toThrow(/--every/);
  });

  it("autopromo start refuses a bad interval before touching the database", async () => {
    const { buildProgram } = await import("../../src/cli/program.js");
    const lines: string[] = [];
    const program = buildProgram({
      out: (s) => void lines.push(s),
      err: (s) => void lines.push(s),
    }).exitOverride();
    await expect(
      program.parseAsync([
        "node",
        "autopromo",
        "start",
        "--every",
        "soon",
        "--db",
        "/nonexistent/dir/x.db",
      ]),
    ).rejects.toThrow(/--every: not a duration/);
  });
});
