import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb } from "../store/db.js";
import type { Db } from "../store/db.js";
import { accuracyRecord, recordOutcome, settledOutcomes } from "./accuracy.js";
import type { SettledOutcome } from "./accuracy.js";

const base: SettledOutcome = {
  campaignId: "a",
  promotionType: "tpr",
  market: "UK",
  category: "frozen",
  settledAt: "2025-04-01T00:00:00.000Z",
  forecastUnits: 100,
  actualUnits: 80,
  forecastIncrementalMargin: 50,
  measuredIncrementalMargin: 40,
  forecastLow: 20,
  forecastHigh: 80,
  method: "baseline",
};

describe("accuracy record", () => {
  let db: Db;
  beforeEach(() => (db = openDb(":memory:")));
  afterEach(() => db.close());

  it("computes MAPE, bias, margin error, hit rate and sign per promotion type × market", () => {
    recordOutcome(db, base); // units err +20 on 80; margin 50 vs 40, inside [20, 80], same sign
    recordOutcome(db, {
      ...base,
      campaignId: "b",
      forecastUnits: 90,
      actualUnits: 120,
      forecastIncrementalMargin: 30,
      measuredIncrementalMargin: -10,
      forecastLow: 5,
      forecastHigh: 55,
    }); // outside, wrong sign
    recordOutcome(db, {
      ...base,
      campaignId: "c",
      market: "DE",
      forecastLow: undefined,
      forecastHigh: undefined,
    });
    recordOutcome(db, { ...base, campaignId: "d", promotionType: "feature" });
    const rows = accuracyRecord(db);
    expect(rows.map((r) => `${r.promotionType}/${r.market}:${r.n}`)).toEqual([
      "feature/UK:1",
      "tpr/DE:1",
      "tpr/UK:2",
    ]);
    const uk = rows.find((r) => r.promotionType === "tpr" && r.market === "UK")!;
    expect(uk.mape).toBeCloseTo((20 / 80 + 30 / 120) / 2, 10); // 0.25
    expect(uk.bias).toBeCloseTo((20 - 30) / 200, 10); // −0.05: slightly under-forecast overall
    expect(uk.marginMape).toBeCloseTo((10 + 40) / (40 + 10), 10);
    expect(uk.marginBias).toBeCloseTo((10 + 40) / 2, 10);
    expect(uk.hitRate).toBe(0.5);
    expect(uk.signRate).toBe(0.5);
    expect(rows.find((r) => r.market === "DE")!.hitRate).toBeNull(); // no interval recorded
    expect(accuracyRecord(db, { promotionType: "tpr", market: "UK" })).toHaveLength(1);
    expect(accuracyRecord(db, { category: "chilled" })).toEqual([]);
  });

  it("is idempotent per (campaign, method) and prefers a holdout over the baseline measurement", () => {
    recordOutcome(db, base);
    recordOutcome(db, base);
    expect(settledOutcomes(db)).toHaveLength(1);
    recordOutcome(db, { ...base, method: "holdout", measuredIncrementalMargin: 50 });
    expect(settledOutcomes(db)).toHaveLength(2);
    expect(accuracyRecord(db)[0]).toMatchObject({ n: 1, marginBias: 0 });
  });

  it("refuses a bad outcome with the field named", () => {
    expect(() => recordOutcome(db, { ...base, actualUnits: -1 })).toThrow(
      /settled outcome of campaign a: actualUnits: /,
    );
    expect(() => recordOutcome(db, { ...base, method: "guess" as "baseline" })).toThrow(/method/);
  });
});
