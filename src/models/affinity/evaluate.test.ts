import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestCompleteJourney, openDb, type Db } from "../../store/index.js";
import { loadAffinityData } from "./data.js";
import { evaluateAffinity } from "./evaluate.js";
import { campaignExamples } from "./features.js";
import { writeSyntheticCompleteJourney } from "./testing.js";

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "affinity-"));
  writeSyntheticCompleteJourney(join(dir, "cj"));
  db = openDb(join(dir, "t.db"));
  await ingestCompleteJourney(db, join(dir, "cj"));
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("evaluateAffinity", () => {
  it("trains on campaigns that ended before the hold-out date and holds back the later ones", () => {
    const r = evaluateAffinity(db, { bootstrap: 50 });
    expect(r.train.campaigns).toEqual(["1", "2", "3"]);
    expect(r.heldOut.campaigns).toEqual(["4", "5", "6"]);
    expect(r.perCampaign.map((c) => c.targeted)).toEqual(
      r.heldOut.campaigns.map((id) =>
        db
          .prepare("SELECT count(*) FROM cj_campaign_targets WHERE campaign_id = ?")
          .pluck()
          .get(id),
      ),
    );
  });

  it("finds the planted coupon users: precision@10 above the base rate, with an interval that excludes it", () => {
    const r = evaluateAffinity(db, { bootstrap: 200, ks: [10] });
    const p10 = r.pooled.find((p) => p.k === "10")!;
    expect(p10.campaigns).toBe(3);
    expect(p10.precision.model.value).toBeGreaterThan(p10.precision.random.value);
    expect(p10.modelMinusRandom.lo).toBeGreaterThan(0);
    for (const p of r.pooled) {
      for (const e of [
        ...Object.values(p.precision),
        p.modelMinusRandom,
        p.modelMinusPastRedemptions,
        p.modelMinusRecencyFrequency,
        p.modelMinusCouponAffinity,
      ]) {
        expect(Number.isFinite(e.value) && e.lo <= e.value + 1e-12 && e.value <= e.hi + 1e-12).toBe(
          true,
        );
      }
    }
    // k = 100 does not fit a campaign of ~84 targeted: it is left out, and said to be.
    expect(evaluateAffinity(db, { bootstrap: 10, ks: [100] }).pooled.map((p) => p.k)).toEqual([
      "5%",
    ]);
  });

  it("is reproducible for a seed", () => {
    const a = evaluateAffinity(db, { bootstrap: 30, seed: 3 });
    const b = evaluateAffinity(db, { bootstrap: 30, seed: 3 });
    expect(a.pooled).toEqual(b.pooled);
  });

  it("uses nothing dated on or after a campaign's start", () => {
    const data = loadAffinityData(db);
    const campaign = data.campaigns.find((c) => c.campaignId === "5")!;
    const before = campaignExamples(data, campaign);
    // Add a large purchase and a redemption of this very campaign, both on the start day, to every targeted household.
    for (const e of before) {
      const lines = data.lines.get(e.householdId) ?? [];
      const at = lines.findIndex((l) => l.date >= campaign.startDate);
      lines.splice(at < 0 ? lines.length : at, 0, {
        basketId: "x",
        productId: "500",
        date: campaign.startDate,
        sales: 1_000,
        couponDisc: 5,
        department: "GROCERY",
        commodity: "COMMODITY 0",
      });
      data.redemptions.push({
        householdId: e.householdId,
        campaignId: "5",
        date: campaign.startDate,
      });
    }
    const after = campaignExamples(data, campaign);
    expect(after.map((e) => [...e.x])).toEqual(before.map((e) => [...e.x]));
    expect(after.map((e) => e.redeemed)).toEqual(before.map(() => 1));
  });

  it("says clearly when nothing was ingested, and when the hold-out date leaves no training campaign", () => {
    const empty = openDb(join(dir, "empty.db"));
    try {
      expect(() => evaluateAffinity(empty)).toThrow(/ingest --format complete-journey/);
    } finally {
      empty.close();
    }
    expect(() => evaluateAffinity(db, { holdoutFrom: "2017-03-15" })).toThrow(/0 training/);
    expect(() => evaluateAffinity(db, { holdoutFrom: "2017-13-01" })).toThrow(
      /affinity option holdoutFrom: no such calendar day/,
    );
  });
});
