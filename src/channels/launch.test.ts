import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb } from "../store/db.js";
import type { Db } from "../store/db.js";
import { checkChannelConsistency } from "./consistency.js";
import { ChannelConflictError } from "./errors.js";
import { campaignHistory, campaignState } from "./events.js";
import { deliverPending } from "./delivery.js";
import { enqueueLaunch } from "./launch.js";
import { offerOf } from "./message.js";
import { campaignOutbox } from "./outbox.js";
import { channelPolicy, makeCampaign, scriptedAdapter, steppingClock } from "./testing.js";

describe("enqueueLaunch", () => {
  let db: Db;
  const clock = steppingClock();
  const policy = channelPolicy(5);
  beforeEach(() => (db = openDb(":memory:")));
  afterEach(() => db.close());

  it("writes one outbox row per channel with deterministic keys and schedules the campaign", () => {
    const r = enqueueLaunch(db, makeCampaign({ approvedBy: ["category_manager"] }), {
      policy,
      clock,
    });
    expect(r).toEqual({
      campaignId: "c-1",
      version: 1,
      batch: "c-1:v1:launch",
      enqueued: 2,
      channels: ["store", "ecommerce"],
    });
    expect(
      campaignOutbox(db, "c-1").map((o) => [
        o.idempotencyKey,
        o.status,
        o.op,
        o.autonomous,
        o.requestedBy,
      ]),
    ).toEqual([
      ["c-1:v1:launch:store", "pending", "launch", false, "category_manager"],
      ["c-1:v1:launch:ecommerce", "pending", "launch", false, "category_manager"],
    ]);
    expect(campaignHistory(db, "c-1")).toEqual([
      {
        campaignId: "c-1",
        version: 1,
        from: null,
        to: "scheduled",
        at: "2025-02-20T10:00:00.000Z",
        by: "category_manager",
        reason: "decision d-1 approved",
      },
    ]);
  });

  it("is a no-op when the same campaign version is enqueued again", () => {
    enqueueLaunch(db, makeCampaign(), { policy, clock });
    expect(enqueueLaunch(db, makeCampaign(), { policy, clock }).enqueued).toBe(0);
    expect(campaignOutbox(db, "c-1")).toHaveLength(2);
    expect(campaignHistory(db, "c-1")).toHaveLength(1);
  });

  it("writes nothing at all when a channel is not allowed in a market", () => {
    const strict = channelPolicy(5, { "US-EAST": ["store"], "*": ["store", "ecommerce"] });
    expect(() => enqueueLaunch(db, makeCampaign(), { policy: strict, clock })).toThrow(
      "campaign c-1: channel not allowed: ecommerce in US-EAST",
    );
    expect(campaignOutbox(db, "c-1")).toEqual([]);
    expect(campaignState(db, "c-1")).toBeNull();
  });

  it("replaces a scheduled version that never went live, cancelling its queued rows", () => {
    enqueueLaunch(db, makeCampaign(), { policy, clock });
    const r = enqueueLaunch(db, makeCampaign({ version: 2, promoPrice: 2.89 }), { policy, clock });
    expect(r.enqueued).toBe(2);
    expect(campaignOutbox(db, "c-1").map((o) => [o.idempotencyKey, o.status])).toEqual([
      ["c-1:v1:launch:store", "rolled_back"],
      ["c-1:v1:launch:ecommerce", "rolled_back"],
      ["c-1:v2:launch:store", "pending"],
      ["c-1:v2:launch:ecommerce", "pending"],
    ]);
  });
});

describe("channel consistency", () => {
  let db: Db;
  const clock = steppingClock();
  const policy = channelPolicy(5);
  beforeEach(() => (db = openDb(":memory:")));
  afterEach(() => db.close());

  it("refuses a launch whose price conflicts with another campaign's on the same SKU × market, with the numbers", async () => {
    enqueueLaunch(db, makeCampaign({ id: "web", channels: ["ecommerce"], promoPrice: 3.49 }), {
      policy,
      clock,
    });
    await deliverPending(db, { ecommerce: scriptedAdapter("ecommerce") }, clock);
    const err = (() => {
      try {
        enqueueLaunch(db, makeCampaign({ id: "shop", channels: ["store"], promoPrice: 2.99 }), {
          policy,
          clock,
        });
      } catch (e) {
        return e;
      }
    })() as ChannelConflictError;
    expect(err).toBeInstanceOf(ChannelConflictError);
    expect(err.code).toBe("CHANNEL_CONFLICT");
    expect(err.conflicts).toEqual([
      {
        kind: "price",
        sku: "SKU-1",
        marketId: "US-EAST",
        channel: "store",
        price: 2.99,
        otherChannel: "ecommerce",
        otherPrice: 3.49,
        otherCampaignId: "web",
        differencePct: 16.7,
        tolerancePct: 5,
        message:
          "SKU SKU-1 in US-EAST: store 2.99 vs ecommerce 3.49 (campaign web), 16.7 % > tolerance 5 %",
      },
    ]);
    expect(campaignOutbox(db, "shop")).toEqual([]);
  });

  it("refuses a second campaign's offer on a channel that carries one for the same SKU × market and dates, even at the same price", async () => {
    enqueueLaunch(db, makeCampaign({ id: "first", channels: ["store"], promoPrice: 2.99 }), {
      policy,
      clock,
    });
    // Still in the outbox ("about to carry"), then delivered ("already carries"): both refuse it, whatever the price.
    expect(() =>
      enqueueLaunch(
        db,
        makeCampaign({ id: "twin", channels: ["store", "ecommerce"], promoPrice: 2.99 }),
        { policy, clock },
      ),
    ).toThrow(
      "campaign twin: SKU SKU-1 in US-EAST: store is about to carry campaign first's offer 2.99 (2025-03-01 → 2025-03-14); one offer per SKU, market and channel at a time",
    );
    await deliverPending(db, { store: scriptedAdapter("store") }, clock);
    const err = (() => {
      try {
        enqueueLaunch(db, makeCampaign({ id: "twin", channels: ["store"], promoPrice: 2.99 }), {
          policy,
          clock,
        });
      } catch (e) {
        return e as ChannelConflictError;
      }
    })();
    expect(err?.conflicts).toEqual([
      expect.objectContaining({
        kind: "double_offer",
        channel: "store",
        otherCampaignId: "first",
        differencePct: 0,
        message: expect.stringContaining("store already carries campaign first's offer"),
      }),
    ]);
    expect(campaignOutbox(db, "twin")).toEqual([]);
    // Another channel at the same price, or the same channel after the first campaign's dates, is fine.
    expect(
      enqueueLaunch(db, makeCampaign({ id: "web", channels: ["ecommerce"], promoPrice: 2.99 }), {
        policy,
        clock,
      }).enqueued,
    ).toBe(1);
    expect(
      enqueueLaunch(
        db,
        makeCampaign({
          id: "later",
          channels: ["store"],
          startDate: "2025-03-15",
          endDate: "2025-03-28",
        }),
        { policy, clock },
      ).enqueued,
    ).toBe(1);
  });

  it("also sees launches still in the outbox, and ignores other markets, other dates and prices within tolerance", () => {
    enqueueLaunch(db, makeCampaign({ id: "web", channels: ["ecommerce"], promoPrice: 3.49 }), {
      policy,
      clock,
    });
    const target = (over: Parameters<typeof makeCampaign>[0]) => {
      const c = makeCampaign({ id: "shop", channels: ["store"], ...over });
      return checkChannelConsistency(
        db,
        { campaignId: c.id, channels: c.channels, offer: offerOf(c) },
        5,
      );
    };
    expect(target({ promoPrice: 2.99 }).map((c) => c.otherChannel)).toEqual(["ecommerce"]);
    expect(target({ promoPrice: 3.39 })).toEqual([]); // 2.9 % apart
    expect(target({ promoPrice: 2.99, markets: ["US-WEST"] })).toEqual([]);
    expect(target({ promoPrice: 2.99, startDate: "2025-04-01", endDate: "2025-04-07" })).toEqual(
      [],
    );
  });
});
