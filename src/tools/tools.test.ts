import { beforeAll, describe, expect, it } from "vitest";
import { smallWorld, SMALL_WORLD_NOW } from "../../evals/perception/world.js";
import { ingestDataset, openDb, type Db } from "../store/index.js";
import {
  asLangChainTool,
  baselineForecast,
  competitorPrices,
  consumerSignals,
  dataTools,
  inventoryPosition,
  isToolError,
  productionSchedule,
  salesTrend,
} from "./index.js";

describe("data tools on a small world", () => {
  let db: Db;
  const clock = { now: () => new Date(SMALL_WORLD_NOW) };
  beforeAll(async () => {
    db = openDb(":memory:");
    await ingestDataset(
      db,
      smallWorld({
        seed: 7,
        storeCover: { "P-01": 12 },
        competitor: { "P-02": { ratio: 0.7 } },
        planAhead: { "D-01": 0.3 },
      }),
      { origin: "t" },
    );
  });

  it("salesTrend returns the last N weeks, newest last, and refuses a scope without sku or category", () => {
    const out = salesTrend.call({ db, clock }, { sku: "P-01", market: "M1", weeks: 4 });
    expect(out.weeks.map((w) => w.week)).toEqual([
      "2026-10-31",
      "2026-11-07",
      "2026-11-14",
      "2026-11-21",
    ]);
    expect(out.weeks.every((w) => w.units > 0 && w.avgPrice !== null)).toBe(true);
    expect(() => salesTrend.call({ db, clock }, { market: "M1" })).toThrow(/sku or category/);
    try {
      salesTrend.call({ db, clock }, { market: "M1" });
    } catch (e) {
      expect(isToolError(e) && e.code).toBe("INVALID_TOOL_INPUT");
    }
  });

  it("inventoryPosition reports weeks of cover per store and per market", () => {
    const stores = inventoryPosition
      .call({ db, clock }, { sku: "P-01" })
      .positions.filter((p) => p.locationKind === "store");
    expect(stores).toHaveLength(2);
    for (const p of stores) expect(p.weeksOfCover).toBeGreaterThan(9);
    // Each store's own week-to-week spread, from the same weeks as its mean; none for a market.
    for (const p of stores) expect(p.weeklySalesCv).toBeGreaterThan(0);
    for (const p of stores) expect(p.weeklySalesCv).toBeLessThan(1);
    const market = inventoryPosition.call(
      { db, clock },
      { sku: "P-01", level: "market" },
    ).positions;
    expect(market).toHaveLength(1);
    expect(market[0]!.location).toBeNull();
    expect(market[0]!.weeklySalesCv).toBeUndefined();
  });

  it("productionSchedule, competitorPrices and consumerSignals read what was planted", () => {
    const plan = productionSchedule.call({ db, clock }, { sku: "D-01", weeks: 8 });
    expect(plan.weeks).toHaveLength(8);
    expect(plan.plannedUnits).toBeLessThan(plan.capacityUnits * 0.4);
    const obs = competitorPrices.call({ db, clock }, { sku: "P-02" }).observations;
    expect(obs[0]!.gap).toBeGreaterThan(0.25);
    const sig = consumerSignals.call({ db, clock }, { kind: "search_interest" }).readings;
    expect(sig).toHaveLength(2);
    expect(sig.every((r) => r.z !== null && Math.abs(r.z) < 5)).toBe(true);
  });

  it("baselineForecast gives a positive forecast with a predictive SD, and checks held-out weeks against actuals", () => {
    const f = baselineForecast.call(
      { db, clock },
      { sku: "P-03", market: "M1", horizonWeeks: 4, trainThrough: "2026-11-07" },
    );
    expect(f.forecast).toHaveLength(6);
    expect(f.forecast[0]!.actual).toBeDefined();
    expect(
      f.forecast.every(
        (w) => w.units > 0 && w.sd > 0 && w.lower80 < w.units && w.units < w.upper80,
      ),
    ).toBe(true);
    expect(f.terms).toContain("season");
  });

  it("adapts to a LangChain tool whose schema is the zod input", async () => {
    const lc = asLangChainTool(salesTrend, { db, clock });
    expect(lc.name).toBe("salesTrend");
    const text = await lc.invoke({ sku: "P-01", market: "M1", weeks: 2 });
    expect(JSON.parse(String(text)).weeks).toHaveLength(2);
    expect(dataTools().map((t) => t.name)).toEqual([
      "salesTrend",
      "inventoryPosition",
      "productionSchedule",
      "competitorPrices",
      "consumerSignals",
      "baselineForecast",
    ]);
  });
});
