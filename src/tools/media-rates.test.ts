import { describe, expect, it } from "vitest";
import { ingestFeeds } from "../pilot/feeds-ingest.js";
import {
  DEFAULT_WORLD_SPEC,
  drawWorld,
  MarketWorld,
  referenceData,
  shippedCalibration,
  weekFeeds,
  worldByName,
} from "../sim/market/index.js";
import { ingestDataset, openDb } from "../store/index.js";
import { readMediaRates } from "./media-rates.js";

const clock = { now: () => new Date("2030-01-01T00:00:00Z") };

async function storeOf(worldName: string, seed: number) {
  const { truth, model } = drawWorld(
    worldByName(worldName),
    seed,
    DEFAULT_WORLD_SPEC,
    shippedCalibration(),
  );
  const world = new MarketWorld(DEFAULT_WORLD_SPEC, truth, model);
  const db = openDb(":memory:");
  await ingestDataset(
    db,
    { ...referenceData(world), feeds: {} },
    { origin: "ref", now: clock.now },
  );
  const o = world.step(0, []);
  await ingestFeeds(db, weekFeeds(o), "w0", clock);
  return { db, model, weekEnd: o.weekEnd };
}

describe("media rate card", () => {
  it("a world publishes its feature cost and slots through the store, read as of a week", async () => {
    const { db, model, weekEnd } = await storeOf("ad-slots", 4);
    const rates = readMediaRates(db, "FR", weekEnd);
    expect(rates.featureCostPerWeek).toBe(model.ads.featureCostPerWeek);
    expect(rates.adSlotsPerWeek).toBe(model.ads.slotsPerMarketWeek);
    expect(rates.featureCostPerWeek).toBeGreaterThanOrEqual(150);
    // Before the first published week the store holds no rate card: the agent falls back.
    expect(readMediaRates(db, "FR", "2000-01-01")).toEqual({});
  });

  it("a world without a slot limit files its cost only", async () => {
    const { db, weekEnd } = await storeOf("base", 1);
    expect(readMediaRates(db, "NL", weekEnd)).toEqual({ featureCostPerWeek: 60 });
    expect(readMediaRates(db, "XX", weekEnd)).toEqual({});
  });
});
