import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb } from "../store/db.js";
import type { Db } from "../store/db.js";
import { sandboxAdapter, sandboxReceipts } from "./adapters/sandbox.js";
import { channelsCarrying } from "./carried.js";
import { deliverPending } from "./delivery.js";
import { campaignHistory, campaignState } from "./events.js";
import { killSwitchOn, killSwitchState, setKillSwitch } from "../policies/kill-switch.js";
import { enqueueLaunch } from "./launch.js";
import { campaignOutbox, failingDeliveries } from "./outbox.js";
import { channelPolicy, makeCampaign, scriptedAdapter, steppingClock, tempDir } from "./testing.js";
import type { ChannelAdapter } from "./types.js";

const policy = channelPolicy(5);
const statuses = (db: Db, id = "c-1") =>
  campaignOutbox(db, id).map((o) => `${o.idempotencyKey} ${o.status}`);

describe("deliverPending", () => {
  let db: Db;
  let clock: ReturnType<typeof steppingClock>;
  beforeEach(() => {
    db = openDb(":memory:");
    clock = steppingClock();
  });
  afterEach(() => db.close());

  it("delivers every channel, records what each carries, and then the campaign is live", async () => {
    const store = scriptedAdapter("store");
    const ecommerce = scriptedAdapter("ecommerce");
    enqueueLaunch(db, makeCampaign(), { policy, clock });
    const report = await deliverPending(db, { store, ecommerce }, clock);
    expect(report).toEqual({
      delivered: 2,
      duplicates: 0,
      retrying: 0,
      failed: 0,
      rolledBack: [],
      held: 0,
      wentLive: ["c-1"],
    });
    expect(store.calls.map((c) => [c.op, c.key])).toEqual([["deliver", "c-1:v1:launch:store"]]);
    expect(channelsCarrying(db, "c-1")).toEqual(["ecommerce", "store"]);
    expect(
      campaignHistory(db, "c-1").map((e) => `${e.from}→${e.to} by ${e.by}: ${e.reason}`),
    ).toEqual([
      "null→scheduled by autopromo: decision d-1 allowed by policy",
      "scheduled→live by autopromo: decision d-1 allowed by policy; delivered to store, ecommerce",
    ]);
    expect((await deliverPending(db, { store, ecommerce }, clock)).delivered).toBe(0);
  });

  it("retries a failing channel with exponential backoff and shows it as failing meanwhile", async () => {
    const store = scriptedAdapter("store", ["retry", "retry"]);
    enqueueLaunch(db, makeCampaign({ channels: ["store"] }), { policy, clock });
    expect((await deliverPending(db, { store }, clock)).retrying).toBe(1);
    const [failing] = failingDeliveries(db);
    expect(failing).toMatchObject({
      idempotencyKey: "c-1:v1:launch:store",
      status: "pending",
      attempts: 1,
      lastError: "attempt 1: store: HTTP 503",
      nextAttemptAt: "2025-02-20T10:00:30.000Z",
    });
    expect((await deliverPending(db, { store }, clock)).retrying).toBe(0); // not due yet
    clock.advance(30_000);
    await deliverPending(db, { store }, clock);
    expect(failingDeliveries(db)[0]).toMatchObject({
      attempts: 2,
      nextAttemptAt: "2025-02-20T10:01:30.000Z",
    }); // 60 s later
    clock.advance(60_000);
    expect((await deliverPending(db, { store }, clock)).wentLive).toEqual(["c-1"]);
    expect(failingDeliveries(db)).toEqual([]);
    expect(store.calls).toHaveLength(3);
  });

  it("is all-or-nothing: a channel that rejects the launch rolls back the channels already delivered", async () => {
    const store = scriptedAdapter("store");
    const ecommerce = scriptedAdapter("ecommerce", ["reject"]);
    enqueueLaunch(db, makeCampaign(), { policy, clock });
    const report = await deliverPending(db, { store, ecommerce }, clock);
    expect(report).toMatchObject({
      delivered: 2,
      failed: 1,
      rolledBack: ["c-1:v1:launch"],
      wentLive: [],
    }); // the 2nd delivery is the retraction
    expect(statuses(db)).toEqual([
      "c-1:v1:launch:store rolled_back",
      "c-1:v1:launch:ecommerce failed",
      "c-1:v1:launch:rollback:store delivered",
    ]);
    expect(store.calls.map((c) => c.op)).toEqual(["deliver", "retract"]);
    expect(channelsCarrying(db, "c-1")).toEqual([]);
    expect(campaignState(db, "c-1")?.status).toBe("scheduled");
    expect(failingDeliveries(db).map((f) => [f.channel, f.lastError])).toEqual([
      ["ecommerce", "attempt 1: ecommerce: HTTP 400: bad price"],
    ]);
  });

  it("gives up after maxAttempts, cancels unsent siblings and retracts the exhausted channel too", async () => {
    const ecommerce = scriptedAdapter("ecommerce", ["retry", "retry"]);
    const store = scriptedAdapter("store");
    enqueueLaunch(db, makeCampaign({ channels: ["ecommerce", "store"] }), { policy, clock });
    await deliverPending(db, { ecommerce, store: scriptedAdapter("store", ["retry"]) }, clock, {
      maxAttempts: 2,
    });
    clock.advance(30_000);
    const report = await deliverPending(db, { ecommerce, store }, clock, { maxAttempts: 2 });
    expect(report.rolledBack).toEqual(["c-1:v1:launch"]);
    expect(statuses(db)).toEqual([
      "c-1:v1:launch:ecommerce failed",
      "c-1:v1:launch:store rolled_back",
      "c-1:v1:launch:rollback:store delivered",
      "c-1:v1:launch:rollback:ecommerce delivered",
    ]);
  });
});

describe("exactly once across a crash", () => {
  it("delivers each message once when the process dies after the outbox write and restarts", async () => {
    const path = join(tempDir(), "autopromo.db");
    const clock = steppingClock();
    const first = openDb(path);
    enqueueLaunch(first, makeCampaign(), { policy, clock });
    first.close(); // crash: nothing was sent
    const db = openDb(path);
    const store = scriptedAdapter("store");
    const ecommerce = scriptedAdapter("ecommerce");
    await deliverPending(db, { store, ecommerce }, clock);
    await deliverPending(db, { store, ecommerce }, clock);
    expect([store.calls.length, ecommerce.calls.length]).toEqual([1, 1]);
    expect(campaignState(db, "c-1")?.status).toBe("live");
    db.close();
  });

  it("resends with the same key after a crash between send and record; the receiver applies it once", async () => {
    const dir = tempDir();
    const clock = steppingClock();
    const db = openDb(join(dir, "autopromo.db"));
    const sandbox = sandboxAdapter("store", { dir, clock });
    const keys: string[] = [];
    let crashed = false;
    const crashing: ChannelAdapter = {
      ...sandbox,
      deliver: async (m, o) => {
        keys.push(o.idempotencyKey);
        const receipt = await sandbox.deliver(m, o);
        if (!crashed) {
          crashed = true;
          throw new Error("process died before recording the delivery");
        }
        return receipt;
      },
    };
    enqueueLaunch(db, makeCampaign({ channels: ["store"] }), { policy, clock });
    await deliverPending(db, { store: crashing }, clock, { leaseMs: 60_000 });
    clock.advance(60_000);
    const report = await deliverPending(db, { store: crashing }, clock, { leaseMs: 60_000 });
    expect(keys).toEqual(["c-1:v1:launch:store", "c-1:v1:launch:store"]);
    expect(report).toMatchObject({ delivered: 1, duplicates: 1, wentLive: ["c-1"] });
    expect(sandboxReceipts(dir, "store").map((r) => r.idempotencyKey)).toEqual([
      "c-1:v1:launch:store",
    ]);
    db.close();
  });

  it("does not let two passes send the same row while one is in flight (the lease)", async () => {
    const db = openDb(":memory:");
    const clock = steppingClock();
    enqueueLaunch(db, makeCampaign({ channels: ["store"] }), { policy, clock });
    const store = scriptedAdapter("store");
    await Promise.all([deliverPending(db, { store }, clock), deliverPending(db, { store }, clock)]);
    expect(store.calls).toHaveLength(1);
    db.close();
  });
});

describe("kill switch", () => {
  it("holds autonomous launches while on, still delivers human-approved ones, and resumes when off", async () => {
    const db = openDb(":memory:");
    const clock = steppingClock();
    expect(killSwitchOn(db)).toBe(false);
    expect(setKillSwitch(db, true, "ops@shop", "pricing incident", clock)).toEqual({
      on: true,
      by: "ops@shop",
      reason: "pricing incident",
      at: "2025-02-20T10:00:00.000Z",
    });
    enqueueLaunch(db, makeCampaign({ id: "auto", channels: ["store"] }), { policy, clock });
    enqueueLaunch(
      db,
      makeCampaign({
        id: "approved",
        channels: ["store"],
        skus: ["SKU-2"],
        approvedBy: ["category_manager"],
      }),
      { policy, clock },
    );
    const store = scriptedAdapter("store");
    const held = await deliverPending(db, { store }, clock);
    expect(held).toMatchObject({ held: 1, delivered: 1, wentLive: ["approved"] });
    expect(campaignState(db, "auto")?.status).toBe("scheduled");
    setKillSwitch(db, false, "ops@shop", "resolved", clock);
    expect(killSwitchState(db)).toMatchObject({ on: false, reason: "resolved" });
    expect((await deliverPending(db, { store }, clock)).wentLive).toEqual(["auto"]);
    db.close();
  });
});
