import { describe, expect, it } from "vitest";
import { isTriggerError } from "./errors.js";
import type { RunTrigger, TriggerFact } from "../domain/index.js";
import { createWorkQueue } from "./work-queue.js";

/** A competitor's price for one SKU, as the signal mapping summarises it. */
const price = (sku: string, value: number, ingestId: number): TriggerFact => ({
  kind: "competitor_price",
  market: "M",
  skus: [sku],
  skuCount: 1,
  count: 1,
  corrected: 0,
  measure: "price",
  min: value,
  max: value,
  from: "2026-11-23T09:00:00Z",
  to: "2026-11-23T09:00:00Z",
  ingestId,
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
    expect(isTriggerError(await second, "ABANDONED")).toBe(true);
    await expect(
      q.submit({ scope: { category: "c", market: "M" }, trigger: { kind: "cycle" } }),
    ).rejects.toThrow(/shutting down/);
    expect(finished).toBe(1);
  });

  it("coalesces asks of one waiting scope into one run carrying every ask's facts and reason", async () => {
    const seen: RunTrigger[] = [];
    let release!: () => void;
    let started!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const running = new Promise<void>((r) => (started = r));
    const q = createWorkQueue(async (job) => {
      if (job.scope.category === "busy") {
        started();
        await gate;
      }
      seen.push(job.trigger);
      return job.scope.category;
    });
    const busy = q.submit({ scope: { category: "busy", market: "M" }, trigger: { kind: "cycle" } });
    await running;
    const scope = { category: "snacks", market: "M" };
    const asks = [
      q.submit({ scope, trigger: { kind: "cycle" } }),
      q.submit({ scope, trigger: { kind: "event", reason: "cut A", facts: [price("A", 1, 7)] } }),
      q.submit({ scope, trigger: { kind: "event", reason: "cut B", facts: [price("B", 2, 8)] } }),
      // The same ask again (a re-sent signal) adds nothing.
      q.submit({ scope, trigger: { kind: "event", reason: "cut B", facts: [price("B", 2, 8)] } }),
      q.submit({ scope, trigger: { kind: "cycle" } }),
    ];
    expect(q.waiting).toBe(1);
    release();
    expect(await Promise.all([busy, ...asks])).toEqual(Array(6).fill("busy").fill("snacks", 1));
    expect(seen[1]).toEqual({
      kind: "event",
      reason: "cut A; cut B",
      facts: [price("A", 1, 7), price("B", 2, 8)],
    });
    expect(seen).toHaveLength(2);
  });
});
