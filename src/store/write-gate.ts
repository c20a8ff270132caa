/**
 * A write lock shared by the threads of one process (a cycle's workers), taken around each
 * write transaction before SQLite's own. SQLite's busy handler polls a held lock with sleeps of
 * 1, 2, 5, 10 … ms, so two workers that commit a few times a scope lost ~8 % of a cycle asleep
 * on locks held for a fraction of a millisecond; a thread waiting here wakes as soon as the other
 * lets go. It only orders this process's threads: SQLite's lock still guards the file from other
 * processes, and a gate held past `timeoutMs` (a thread stopped while holding it) is waited out,
 * not honoured forever, leaving the busy handler in charge.
 */
export class WriteGate {
  private readonly cell: Int32Array;

  /** `buffer`: the gate's shared memory; pass the same one to every thread (workerData). */
  constructor(
    readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT),
    private readonly timeoutMs = 5_000,
  ) {
    this.cell = new Int32Array(buffer);
  }

  /** Runs `fn` holding the gate (synchronously: a transaction of better-sqlite3). */
  hold<T>(fn: () => T): T {
    const deadline = Date.now() + this.timeoutMs;
    let owned = false;
    while (!(owned = Atomics.compareExchange(this.cell, 0, FREE, HELD) === FREE)) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      Atomics.wait(this.cell, 0, HELD, left);
    }
    try {
      return fn();
    } finally {
      if (owned) {
        Atomics.store(this.cell, 0, FREE);
        Atomics.notify(this.cell, 0, 1);
      }
    }
  }
}

const FREE = 0;
const HELD = 1;
