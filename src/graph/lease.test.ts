import { hostname } from "node:os";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { steppingClock } from "../channels/testing.js";
import { loadPolicy } from "../policies/index.js";
import { openDb, type Db } from "../store/index.js";
import { createPromotionGraph } from "./graph.js";
import { acquireLease, defaultLease, heldByOther } from "./lease.js";
import { resumeUnfinishedRuns, unfinishedRuns, type RunContext } from "./run.js";

// Issue #26, item 3: runs own their work through a lease (owner, heartbeat, expiry).
let db: Db;
const clock = steppingClock("2026-12-01T10:00:00Z");
const lease = (owner: string) => defaultLease({ owner, ttlMs: 60_000, clock });
// A live process on this host that is not us: the one that started the test runner.
const service = lease(`${hostname()}:${process.ppid}`);
const cli = lease(`${hostname()}:${process.pid}`);
beforeEach(() => (db = openDb(":memory:")));
afterEach(() => db.close());

/** A thread with a checkpoint and no settled decision: what a run in progress (or a crash) leaves. */
const inProgress = (id: string) =>
  db
    .prepare("INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id) VALUES (?, '', ?)")
    .run(id, "0001");

describe("run leases", () => {
  it("one owner at a time; free again on release or when it expires without a heartbeat", () => {
    const held = acquireLease(db, "t-1", service)!;
    expect(held).not.toBeNull();
    expect(heldByOther(db, "t-1", cli)).toBe(true);
    expect(acquireLease(db, "t-1", cli)).toBeNull();
    held.release();
    const mine = acquireLease(db, "t-1", cli)!;
    expect(mine).not.toBeNull();
    mine.release();
    acquireLease(db, "t-2", service);
    clock.advance(61_000);
    expect(heldByOther(db, "t-2", cli)).toBe(false);
    expect(acquireLease(db, "t-2", cli)).not.toBeNull();
    expect(db.prepare("SELECT owner FROM run_leases WHERE thread_id = 't-2'").get()).toEqual({
      owner: cli.owner,
    });
  });

  it("a lease whose owner process on this host is gone (SIGKILL) is free at once", () => {
    db.prepare("INSERT INTO run_leases VALUES ('t-1', ?, ?, ?)").run(
      `${hostname()}:2147483646`,
      "2026-12-01T10:00:00Z",
      "2026-12-01T11:00:00Z",
    );
    expect(heldByOther(db, "t-1", cli)).toBe(false);
    db.prepare("INSERT INTO run_leases VALUES ('t-2', 'other-host:1', ?, ?)").run(
      "2026-12-01T10:00:00Z",
      "2026-12-01T11:00:00Z",
    );
    expect(heldByOther(db, "t-2", cli)).toBe(true);
  });

  it("only runs whose lease expired are resumed: the CLI beside the service leaves its live runs alone", async () => {
    inProgress("dec-live");
    inProgress("dec-crashed");
    const live = acquireLease(db, "dec-live", service)!;
    expect(unfinishedRuns(db, cli)).toEqual(["dec-crashed"]);
    expect(unfinishedRuns(db, service)).toEqual(["dec-crashed", "dec-live"]);
    // Resuming with nothing but the service's live run left touches nothing and does not fail.
    db.prepare("DELETE FROM checkpoints WHERE thread_id = 'dec-crashed'").run();
    // Recovery asks the graph's saver (here the shipped SQLite one on `db`) for its threads.
    const graph = createPromotionGraph({ db, clock, policy: loadPolicy() });
    const ctx = { db, clock, lease: cli, graph } satisfies RunContext;
    await expect(resumeUnfinishedRuns(ctx)).resolves.toEqual([]);
    live.release();
    expect(unfinishedRuns(db, cli)).toEqual(["dec-live"]);
  });
});
