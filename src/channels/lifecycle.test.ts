import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CampaignTransitionError } from "../domain/campaign.js";
import { openDb } from "../store/db.js";
import type { Db } from "../store/db.js";
import { channelsCarrying } from "./carried.js";
import { deliverPending } from "./delivery.js";
import { campaignHistory, campaignState } from "./events.js";
import { setKillSwitch } from "../policies/kill-switch.js";
import { enqueueLaunch } from "./launch.js";
import { endCampaign, pauseCampaign, resumeCampaign, stopCampaign } from "./lifecycle.js";
import { campaignOutbox } from "./outbox.js";
import { channelPolicy, makeCampaign, scriptedAdapter, steppingClock } from "./testing.js";

const policy = channelPolicy(5);
const ops = { by: "ops@shop", reason: "supplier recall" };

describe("campaign lifecycle", () => {
  let db: Db;
  let clock: ReturnType<typeof steppingClock>;
  let adapters: {
    store: ReturnType<typeof scriptedAdapter>;
    ecommerce: ReturnType<typeof scriptedAdapter>;
  };
  const live = async () => {
    enqueueLaunch(db, makeCampaign(), { policy, clock });
    await deliverPending(db, adapters, clock);
  };
  beforeEach(() => {
    db = openDb(":memory:");
    clock = steppingClock();
    adapters = { store: scriptedAdapter("store"), ecommerce: scriptedAdapter("ecommerce") };
  });
  afterEach(() => db.close());

  it("pause retracts every live channel, resume puts it back and goes live again once delivered", async () => {
    await live();
    const paused = pauseCampaign(db, "c-1", ops, clock);
    expect(paused).toMatchObject({
      state: { status: "paused" },
      retracting: ["ecommerce", "store"],
    });
    await deliverPending(db, adapters, clock);
    expect(channelsCarrying(db, "c-1")).toEqual([]);
    expect(adapters.store.calls.map((c) => `${c.op} ${c.key}`)).toEqual([
      "deliver c-1:v1:launch:store",
      "retract c-1:v1:paused#3:store",
    ]);

    const resumed = resumeCampaign(
      db,
      "c-1",
      { by: "ops@shop", reason: "recall cleared" },
      { policy, clock },
    );
    expect(resumed).toMatchObject({ batch: "c-1:v1:resume#3", enqueued: 2 });
    expect(
      resumeCampaign(db, "c-1", { by: "ops@shop", reason: "again" }, { policy, clock }).enqueued,
    ).toBe(0); // repeat: no-op
    expect(campaignState(db, "c-1")?.status).toBe("paused"); // live only once delivered
    expect((await deliverPending(db, adapters, clock)).wentLive).toEqual(["c-1"]);
    expect(channelsCarrying(db, "c-1")).toEqual(["ecommerce", "store"]);
    expect(campaignHistory(db, "c-1").map((e) => `${e.to} by ${e.by}`)).toEqual([
      "scheduled by autopromo",
      "live by autopromo",
      "paused by ops@shop",
      "live by ops@shop",
    ]);
  });

  it("refuses to resume while the pause is still being retracted", async () => {
    await live();
    pauseCampaign(db, "c-1", ops, clock);
    expect(() => resumeCampaign(db, "c-1", ops, { policy, clock })).toThrow(
      /still being retracted/,
    );
  });

  it("stop before launch cancels the queued launch; nothing reaches a channel", async () => {
    enqueueLaunch(db, makeCampaign(), { policy, clock });
    expect(stopCampaign(db, "c-1", ops, clock)).toMatchObject({
      state: { status: "stopped" },
      retracting: [],
    });
    await deliverPending(db, adapters, clock);
    expect(adapters.store.calls).toEqual([]);
    expect(campaignOutbox(db, "c-1").map((o) => o.status)).toEqual(["rolled_back", "rolled_back"]);
  });

  it("stop retracts live channels even with the kill switch on, and is final", async () => {
    await live();
    setKillSwitch(db, true, "ops@shop", "incident", clock);
    stopCampaign(db, "c-1", ops, clock);
    expect((await deliverPending(db, adapters, clock)).delivered).toBe(2);
    expect(channelsCarrying(db, "c-1")).toEqual([]);
    expect(() => resumeCampaign(db, "c-1", ops, { policy, clock })).toThrow(
      CampaignTransitionError,
    );
    expect(() => pauseCampaign(db, "c-1", ops, clock)).toThrow(
      "campaign c-1: stopped → paused is not allowed (allowed: none, it is final)",
    );
  });

  it("end records who and why and retracts in the same transaction; illegal moves are typed errors and record nothing", async () => {
    enqueueLaunch(db, makeCampaign(), { policy, clock });
    expect(() => pauseCampaign(db, "c-1", ops, clock)).toThrow(CampaignTransitionError); // scheduled → paused
    expect(() => endCampaign(db, "c-1", ops, clock)).toThrow(CampaignTransitionError);
    await deliverPending(db, adapters, clock);
    clock.advance(14 * 86_400_000);
    const carried = channelsCarrying(db, "c-1");
    expect(carried.length).toBeGreaterThan(0);
    expect(
      endCampaign(
        db,
        "c-1",
        { by: "autopromo", reason: "end date reached" },
        clock,
      ).retracting.sort(),
    ).toEqual([...carried].sort());
    expect(campaignHistory(db, "c-1").at(-1)).toMatchObject({
      from: "live",
      to: "ended",
      by: "autopromo",
      reason: "end date reached",
      at: "2025-03-06T10:00:00.000Z",
    });
    // No channel keeps carrying an offer the store calls over.
    expect((await deliverPending(db, adapters, clock)).delivered).toBe(carried.length);
    expect(channelsCarrying(db, "c-1")).toEqual([]);
    expect(() => pauseCampaign(db, "unknown", ops, clock)).toThrow(
      "no campaign unknown has been scheduled",
    );
  });

  it("the lifecycle log is append-only in the database", async () => {
    await live();
    expect(() => db.prepare("UPDATE campaign_events SET by = 'someone else'").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare("DELETE FROM campaign_events").run()).toThrow(/append-only/);
  });

  it("end of a paused campaign cancels a resume that is still queued", async () => {
    await live();
    pauseCampaign(db, "c-1", ops, clock);
    await deliverPending(db, adapters, clock);
    resumeCampaign(db, "c-1", ops, { policy, clock });
    endCampaign(db, "c-1", { by: "ops@shop", reason: "season over" }, clock);
    expect((await deliverPending(db, adapters, clock)).delivered).toBe(0);
    expect(
      campaignOutbox(db, "c-1")
        .filter((o) => o.batch === "c-1:v1:resume#3")
        .map((o) => o.status),
    ).toEqual(["rolled_back", "rolled_back"]);
    expect(campaignState(db, "c-1")?.status).toBe("ended");
  });
});
