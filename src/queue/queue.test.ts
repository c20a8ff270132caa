import { afterAll, describe, expect, it } from "vitest";
import { describePostgres } from "../../test/support/postgres.js";
import { enqueueCycle } from "./enqueue.js";
import { QueueError } from "./errors.js";
import { openScopeQueue, type ScopeQueue } from "./queue.js";
import { openRunLocks } from "./run-lock.js";
import { waitForCycle } from "./wait.js";

const NOW = "2026-11-23T12:00:00Z";
const scopes = ["UK", "DE", "CA"].flatMap((market) =>
  ["frozen", "snacks"].map((category) => ({ category, market })),
);

describe("opening the queue", () => {
  it("fails with UNREACHABLE naming the database (password hidden) when nothing listens", async () => {
    const e = await openScopeQueue({ url: "postgres://u:hunter22@127.0.0.1:1/db" }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(QueueError);
    expect((e as QueueError).code).toBe("UNREACHABLE");
    expect((e as Error).message).toMatch(/postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/db/);
    expect((e as Error).message).not.toMatch(/hunter22/);
  });
});

describePostgres("the scope queue on pg-boss", (pg) => {
  const open: ScopeQueue[] = [];
  afterAll(async () => {
    for (const q of open) await q.stop();
  });
  const queue = async (schema: string) => {
    const q = await openScopeQueue({ url: pg.url, schema });
    open.push(q);
    return q;
  };
  const jobs = async (q: ScopeQueue) =>
    (
      await q.boss
        .getDb()
        .executeSql(
          `SELECT id::text, data, priority FROM ${q.schema}.job ORDER BY priority DESC`,
          [],
        )
    ).rows as { id: string; data: { scope: { market: string; category: string } } }[];

  it("holds one job per scope when a cycle is enqueued twice, taken in the cycle's order", async () => {
    const q = await queue("q_twice");
    const first = await enqueueCycle(q, { now: NOW, scopes });
    const second = await enqueueCycle(q, { now: NOW, scopes });
    expect(second).toEqual(first);
    const rows = await jobs(q);
    expect(rows).toHaveLength(scopes.length);
    expect(rows.map((r) => r.data.scope)).toEqual(scopes);
    // Another cycle (another instant) is other jobs.
    await enqueueCycle(q, { now: "2026-11-30T12:00:00Z", scopes });
    expect(await jobs(q)).toHaveLength(2 * scopes.length);
  });

  it("refuses a scope given twice, and a bad schema name", async () => {
    const q = await queue("q_dupe");
    await expect(enqueueCycle(q, { now: NOW, scopes: [scopes[0]!, scopes[0]!] })).rejects.toThrow(
      /given twice/,
    );
    await expect(openScopeQueue({ url: pg.url, schema: "x; drop" })).rejects.toThrow(
      /not a schema name/,
    );
  });

  it("waits for every job and reads back each outcome, or times out naming the open scopes", async () => {
    const q = await queue("q_wait");
    const cycle = await enqueueCycle(q, { now: NOW, scopes: scopes.slice(0, 2) });
    await expect(waitForCycle(q, cycle, { pollMs: 20, timeoutMs: 50 })).rejects.toThrow(
      /2 scope job\(s\) still open after 50 ms: frozen \/ UK, snacks \/ UK/,
    );
    const [a, b] = cycle.jobs;
    await q.boss.fetch(q.name, { batchSize: 2 });
    await q.boss.complete(q.name, a!.id, {
      decisionId: a!.decisionId,
      status: "executed",
      interrupted: false,
      checkpointId: null,
    });
    await q.boss.complete(q.name, b!.id, { decisionId: b!.decisionId, failed: "no sales" });
    const ends = await waitForCycle(q, cycle, { pollMs: 20, timeoutMs: 5_000 });
    expect(ends.map((e) => [e.state, e.outcome])).toEqual([
      ["completed", expect.objectContaining({ status: "executed" })],
      ["completed", { decisionId: b!.decisionId, failed: "no sales" }],
    ]);
  });

  it("lets one session at a time hold a run, and frees it when that session ends", async () => {
    const [a, b] = [await openRunLocks(pg.url), await openRunLocks(pg.url)];
    try {
      expect(await a.tryLock("dec-x")).toBe(true);
      expect(await b.tryLock("dec-x")).toBe(false);
      expect(await b.tryLock("dec-y")).toBe(true);
      await a.close(); // a worker that dies loses its connection, and its locks with it
      expect(await b.tryLock("dec-x")).toBe(true);
    } finally {
      await b.close();
    }
  });
});
