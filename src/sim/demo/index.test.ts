import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isAutopromoError } from "../../errors.js";
import { demoRowCounts, generateDemoMarket, type DemoMarket } from "./index.js";

const digest = (demo: DemoMarket): string =>
  createHash("sha256").update(JSON.stringify(demo)).digest("hex");

describe("generateDemoMarket", () => {
  const demo = generateDemoMarket({ seed: 1 });

  it("is deterministic: the same seed gives identical output, another seed differs", () => {
    expect(digest(generateDemoMarket({ seed: 1 }))).toBe(digest(demo));
    const other = generateDemoMarket({ seed: 2 });
    expect(digest(other)).not.toBe(digest(demo));
    // The catalogue and planted subjects are fixed; only the numbers move.
    expect(other.products.map((p) => p.sku)).toEqual(demo.products.map((p) => p.sku));
    expect(other.planted.map((p) => [p.kind, p.market, p.sku ?? p.category])).toEqual(
      demo.planted.map((p) => [p.kind, p.market, p.sku ?? p.category]),
    );
  });

  it("defaults to seed 1, 104 weeks ending 2026-11-21 (Saturday weeks) and 2026-11-22 (UK, Sunday weeks)", () => {
    expect(digest(generateDemoMarket())).toBe(digest(demo));
    expect(demo.weeks).toBe(104);
    expect(demo.lastWeekEnds).toEqual({
      "US-EAST": "2026-11-21",
      UK: "2026-11-22",
      DE: "2026-11-21",
      CA: "2026-11-21",
    });
  });

  it("has a small retailer's reference data", () => {
    expect(demo.markets.map((m) => m.currency).sort()).toEqual(["CAD", "EUR", "GBP", "USD"]);
    expect(new Set(demo.products.map((p) => p.category)).size).toBe(5);
    expect(demo.products).toHaveLength(40);
    const kinds = demo.locations.reduce<Record<string, number>>(
      (acc, l) => ({ ...acc, [l.kind]: (acc[l.kind] ?? 0) + 1 }),
      {},
    );
    expect(kinds).toEqual({ store: 10, warehouse: 4, plant: 2 });
    expect(demo.skuAliases.some((a) => a.source === "pos" && a.unitsPerCode === 12)).toBe(true);
  });

  it("keeps every feed within the size budget", () => {
    const counts = demoRowCounts(demo);
    expect(counts.sales).toBeGreaterThanOrEqual(50_000);
    expect(counts.sales).toBeLessThanOrEqual(120_000);
    expect(counts.inventory).toBeLessThanOrEqual(120_000);
    expect(counts.production).toBe(40 * (104 + 8));
    expect(counts.competitor_price).toBeGreaterThan(5_000);
    expect(counts.consumer_signal).toBeGreaterThan(3_000);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeLessThan(150_000);
  });

  it("plants the promised source-row mess", () => {
    expect(demo.quirks).toMatchObject({
      duplicateSalesRows: 6,
      duplicateInventoryRows: 4,
      lateSalesRows: 5,
      outOfOrderInventoryRows: 5,
    });
    expect(demo.quirks.caseInventoryRows).toBeGreaterThan(0);
    expect(demo.quirks.crateSalesRows).toBeGreaterThan(0);
    expect(demo.quirks.competitorRowsWithoutSku).toBeGreaterThan(0);
    const late = demo.feeds.sales.at(-1);
    expect(late?.source).toBe("pos");
    expect(late?.rows.every((r) => r.date < (demo.lastWeekEnds.DE ?? ""))).toBe(true);
  });

  it("has an FX rate in force for every currency from before the first sale to after the last schedule", () => {
    const firstSale = demo.feeds.sales.flatMap((b) => b.rows.map((r) => r.date)).sort()[0] ?? "";
    const lastSchedule =
      demo.feeds.production
        .flatMap((b) => b.rows.map((r) => r.date))
        .sort()
        .at(-1) ?? "";
    for (const ccy of ["GBP", "EUR", "CAD"]) {
      const dates = demo.fxRates
        .filter((r) => r.from === ccy && r.to === "USD")
        .map((r) => r.date)
        .sort();
      expect(dates[0]! <= addDaysIso(firstSale, -6)).toBe(true);
      expect(dates.at(-1)! >= addDaysIso(lastSchedule, -6)).toBe(true);
    }
  });

  it("honours weeks and endWeek, and rejects bad options with an INVALID_INPUT error", () => {
    const short = generateDemoMarket({ seed: 3, weeks: 40, endWeek: "2025-06-30" });
    expect(short.lastWeekEnds["US-EAST"]).toBe("2025-06-28");
    expect(short.feeds.sales[0]?.rows.length).toBeLessThan(demo.feeds.sales[0]?.rows.length ?? 0);
    expect(
      short.planted.every((p) =>
        p.kind === "supply_shortfall"
          ? p.magnitude.value <= p.magnitude.threshold
          : p.magnitude.value >= p.magnitude.threshold,
      ),
    ).toBe(true);
    for (const bad of [{ weeks: 5 }, { endWeek: "2026-02-30" }, { seed: 1.5 }]) {
      try {
        generateDemoMarket(bad);
        expect.unreachable();
      } catch (e) {
        expect(isAutopromoError(e) && e.code).toBe("INVALID_INPUT");
      }
    }
  });
});

function addDaysIso(iso: string, n: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
