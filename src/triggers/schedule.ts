/** Timer functions, injectable so tests drive the schedule without waiting. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.(); // the HTTP server keeps the process alive, not the schedule
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** What one tick did. */
export type TickOutcome<T> =
  | { kind: "ran"; result: T }
  | { kind: "skipped"; reason: string }
  | { kind: "failed"; error: unknown };

export interface CycleSchedulerOptions<T> {
  /** Milliseconds from one tick to the next (fixed rate: a long cycle makes the next tick skip, not drift). */
  everyMs: number;
  /** Runs one cycle; `signal` aborts when the scheduler stops (finish the scope in hand, start no more). */
  cycle: (signal: AbortSignal) => Promise<T>;
  timers?: Timers;
  /** Called after every tick, including the skipped ones. */
  onTick?: (outcome: TickOutcome<T>) => void;
}

/** Runs a cycle on a schedule, never two at once. */
export interface CycleScheduler<T> {
  /** Schedules the first tick `everyMs` from now. */
  start(): void;
  /** Runs a cycle now, or joins the one in progress (so a manual trigger never starts a second). */
  runNow(): Promise<T>;
  readonly running: boolean;
  /** Ticks so far: ran, skipped (a cycle was still running) and failed. */
  readonly stats: { ran: number; skipped: number; failed: number };
  /** Stops ticking, aborts the cycle in progress between scopes and resolves when it returned. */
  stop(): Promise<void>;
}

/**
 * Creates the schedule for autonomous cycles. A tick that finds the previous cycle still running
 * is skipped (and reported), never queued: cycles read the newest data, so a late one loses nothing.
 * @example const s = createCycleScheduler({ everyMs: 15 * 60_000, cycle: (signal) => runAll(signal) }); s.start();
 */
export function createCycleScheduler<T>(o: CycleSchedulerOptions<T>): CycleScheduler<T> {
  if (!(o.everyMs > 0)) throw new RangeError(`everyMs must be > 0, got ${o.everyMs}`);
  const timers = o.timers ?? realTimers;
  const stats = { ran: 0, skipped: 0, failed: 0 };
  let handle: unknown;
  let current: Promise<T> | null = null;
  const abort = new AbortController();
  let stopped = false;

  function launch(): Promise<T> {
    const p = o.cycle(abort.signal).finally(() => {
      if (current === p) current = null;
    });
    current = p;
    return p;
  }

  function tick(): void {
    if (stopped) return;
    handle = timers.setTimeout(tick, o.everyMs);
    if (current) {
      stats.skipped++;
      o.onTick?.({ kind: "skipped", reason: "the previous cycle is still running" });
      return;
    }
    launch().then(
      (result) => {
        stats.ran++;
        o.onTick?.({ kind: "ran", result });
      },
      (error: unknown) => {
        stats.failed++;
        o.onTick?.({ kind: "failed", error });
      },
    );
  }

  return {
    start() {
      if (stopped || handle !== undefined) return;
      handle = timers.setTimeout(tick, o.everyMs);
    },
    runNow: () => current ?? launch(),
    get running() {
      return current !== null;
    },
    stats,
    async stop() {
      stopped = true;
      if (handle !== undefined) timers.clearTimeout(handle);
      abort.abort();
      await current?.catch(() => undefined);
    },
  };
}
