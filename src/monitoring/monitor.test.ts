import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { campaignHistory, campaignState } from "../channels/events.js";
import { steppingClock } from "../channels/testing.js";
import { loadPolicy } from "../policies/load.js";
import { openDb } from "../store/db.js";
import type { Db } from "../store/db.js";
import { accuracyRecord, settledOutcomes } from "./accuracy.js";
import { monitoringEvents } from "./events.js";
import { monitorCampaigns } from "./monitor.js";
import { stopLossTest } from "./stop-loss.js";
import { tQuantile } from "./stats.js";
import { addWeek, liveTestCampaign, WEEK_ENDS } from "./testing.js";

const policy = loadPolicy();
const DAY = 86_400_000;

describe("the stop-loss test", () => {
  const s = { enabled: true, minIncrementalMarginPerWeek: 0, confidencePct: 90, minWeeks: 2 };
  it("uses Student-t quantiles close to the exact ones", () => {
    expect(tQuantile(0.95, 4)).toBeCloseTo(2.132, 2);
    expect(tQuantile(0.9, 2)).toBeCloseTo(1.886, 1);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.042, 2);
  });
  it("fires only when the upper bound is below the threshold, not on a bad point estimate", () => {
    expect(stopLossTest([-100, -95, -105], 47, s).fires).toBe(true);
    const noisy = stopLossTest([-60, 20], 47, s); // mean −20 < 0, but well inside the noise
    expect(noisy.meanPerWeek).toBe(-20);
    expect(noisy.fires).toBe(false);
    expect(stopLossTest([-100], 47, s)).toMatchObject({
      fires: false,
      reason: expect.stringContaining("needs 2 weeks"),
    });
    expect(stopLossTest([-100, -100, -100], 47, { ...s, enabled: false }).fires).toBe(false);
  });
});

describe("monitorCampaigns", () => {
  let db: Db;
  let clock: ReturnType<typeof steppingClock>;
  beforeEach(async () => {
    db = openDb(":memory:");
    clock = steppingClock("2025-02-20T10:00:00Z");
    await liveTestCampaign(db, "c-1", clock);
    clock.advance(33 * DAY); // 2025-03-25: three weeks in
  });
  afterEach(() => db.close());

  it("pauses and escalates a campaign that loses money with confidence, once", () => {
    for (const w of WEEK_ENDS.slice(0, 3)) addWeek(db, w, 100 + (w.endsWith("6") ? 4 : -3)); // no lift: ≈ −100 a week
    const report = monitorCampaigns(db, clock, policy);
    expect(report.paused).toEqual(["c-1"]);
    expect(report.escalations).toEqual([
      {
        campaignId: "c-1",
        roles: ["category_manager", "finance"],
        reason: expect.stringMatching(
          /^stop-loss: realised incremental margin -100\.67\/week over 3 week\(s\), 90 % upper bound -49\.85 vs threshold 0: below with confidence/,
        ),
      },
    ]);
    expect(report.checks[0]).toMatchObject({
      weeksObserved: 3,
      status: "paused",
      actions: ["paused"],
      stopLoss: { fires: true },
    });
    expect(campaignState(db, "c-1")?.status).toBe("paused");
    expect(campaignHistory(db, "c-1").at(-1)).toMatchObject({
      from: "live",
      to: "paused",
      by: "autopromo",
    });
    expect(monitoringEvents(db, "c-1").map((e) => e.kind)).toEqual(["check", "stop_loss"]);
    // A second pass adds nothing: the campaign is no longer live.
    expect(monitorCampaigns(db, clock, policy).paused).toEqual([]);
    expect(monitoringEvents(db, "c-1")).toHaveLength(2);
  });

  it("leaves a campaign running whose results are within the noise of its forecast", () => {
    addWeek(db, WEEK_ENDS[0]!, 230);
    addWeek(db, WEEK_ENDS[1]!, 262);
    addWeek(db, WEEK_ENDS[2]!, 241);
    const report = monitorCampaigns(db, clock, policy);
    expect(report.paused).toEqual([]);
    expect(report.checks[0]).toMatchObject({
      status: "live",
      weeksObserved: 3,
      actualUnits: 733,
      forecastUnits: 750,
      stopLoss: { fires: false },
    });
    expect(campaignState(db, "c-1")?.status).toBe("live");
  });

  it("does not pause on two bad-looking weeks that are inside the forecast's spread", () => {
    addWeek(db, WEEK_ENDS[0]!, 170); // 510 − 340 − 200 = −30
    addWeek(db, WEEK_ENDS[1]!, 200); // +0
    const report = monitorCampaigns(db, clock, policy);
    expect(report.checks[0]!.realisedIncrementalMargin).toBeLessThan(0);
    expect(report.paused).toEqual([]);
  });

  it("ends a campaign past its end date and settles it into the accuracy record, once per weeks observed", () => {
    for (const [i, w] of WEEK_ENDS.entries()) addWeek(db, w, [240, 255, 262, 231][i]!);
    clock.advance(9 * DAY); // 2025-04-03
    const report = monitorCampaigns(db, clock, policy);
    expect(report).toMatchObject({ ended: ["c-1"], settled: ["c-1"] });
    expect(campaignState(db, "c-1")?.status).toBe("ended");
    const [o] = settledOutcomes(db);
    expect(o).toMatchObject({
      campaignId: "c-1",
      method: "baseline",
      promotionType: "tpr",
      market: "US-EAST",
      category: "snacks",
      forecastUnits: 1000,
      actualUnits: 988,
      forecastIncrementalMargin: 200,
    });
    expect(o!.measuredIncrementalMargin).toBeCloseTo(988 - 800 - 0, 6); // 988 × (3 − 2) − 400 × 2
    expect(monitorCampaigns(db, clock, policy).settled).toEqual([]); // nothing new
    expect(accuracyRecord(db)).toEqual([
      expect.objectContaining({
        promotionType: "tpr",
        market: "US-EAST",
        n: 1,
        hitRate: 1,
        signRate: 1,
        marginBias: 12,
      }),
    ]);
  });
});
