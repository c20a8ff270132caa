import { describe, expect, it } from "vitest";
import {
  fxRateSchema,
  locationSchema,
  marketSchema,
  productSchema,
  skuAliasSchema,
} from "../../domain/catalog.js";
import {
  competitorPriceFeedRowSchema,
  consumerSignalFeedRowSchema,
  inventoryFeedRowSchema,
  productionFeedRowSchema,
  salesFeedRowSchema,
} from "../../domain/feeds.js";
import { generateDemoMarket, plantedSituationSchema } from "./index.js";

/** Parses every row and reports the first failures (one expect per feed keeps the run fast). */
function failures(
  rows: readonly unknown[],
  schema: { safeParse: (x: unknown) => { success: boolean; error?: unknown } },
): unknown[] {
  const bad: unknown[] = [];
  for (const r of rows) {
    const res = schema.safeParse(r);
    if (!res.success && bad.length < 3) bad.push({ row: r, error: String(res.error) });
  }
  return bad;
}

describe("every generated record passes the domain schemas", () => {
  const demo = generateDemoMarket({ seed: 1 });
  const { feeds } = demo;

  it("reference data", () => {
    expect(failures(demo.markets, marketSchema)).toEqual([]);
    expect(failures(demo.locations, locationSchema)).toEqual([]);
    expect(failures(demo.products, productSchema)).toEqual([]);
    expect(failures(demo.skuAliases, skuAliasSchema)).toEqual([]);
    expect(failures(demo.fxRates, fxRateSchema)).toEqual([]);
    expect(failures(demo.planted, plantedSituationSchema)).toEqual([]);
  });

  it("feed rows", () => {
    expect(
      failures(
        feeds.sales.flatMap((b) => b.rows),
        salesFeedRowSchema,
      ),
    ).toEqual([]);
    expect(
      failures(
        feeds.inventory.flatMap((b) => b.rows),
        inventoryFeedRowSchema,
      ),
    ).toEqual([]);
    expect(
      failures(
        feeds.production.flatMap((b) => b.rows),
        productionFeedRowSchema,
      ),
    ).toEqual([]);
    expect(
      failures(
        feeds.competitor_price.flatMap((b) => b.rows),
        competitorPriceFeedRowSchema,
      ),
    ).toEqual([]);
    expect(
      failures(
        feeds.consumer_signal.flatMap((b) => b.rows),
        consumerSignalFeedRowSchema,
      ),
    ).toEqual([]);
  });

  it("rows refer to known products, aliases, locations, markets and currencies", () => {
    const skus = new Set(demo.products.map((p) => p.sku));
    const aliases = new Set(demo.skuAliases.map((a) => `${a.source}|${a.code}`));
    const locations = new Map(demo.locations.map((l) => [l.id, l]));
    const currency = new Map(demo.markets.map((m) => [m.id, m.currency]));
    // Collect problems rather than asserting per row: 130k expects would dominate the run time.
    const problems: string[] = [];
    const check = (ok: boolean, what: string): void => {
      if (!ok && problems.length < 5) problems.push(what);
    };
    for (const b of feeds.sales) {
      for (const r of b.rows) {
        check(skus.has(r.sku) || aliases.has(`${b.source}|${r.sku}`), `unknown sales sku ${r.sku}`);
        check(
          !r.location || locations.get(r.location)?.marketId === r.market,
          `sales location ${r.location} not in ${r.market}`,
        );
        check(
          r.currency === currency.get(r.market ?? ""),
          `sales currency ${r.currency} in ${r.market}`,
        );
        check(
          Math.abs((r.revenue ?? 0) - r.units * (r.pricePaid ?? 0)) < 0.01,
          `revenue ${r.revenue} ≠ ${r.units} × ${r.pricePaid}`,
        );
      }
    }
    for (const r of feeds.inventory.flatMap((b) => b.rows)) {
      check(skus.has(r.sku), `unknown inventory sku ${r.sku}`);
      check(
        ["store", "warehouse"].includes(locations.get(r.location)?.kind ?? ""),
        `inventory at ${r.location}`,
      );
      check(/T23:00:00[+-]\d{2}:\d{2}$/.test(r.asOf), `asOf ${r.asOf}`);
    }
    for (const r of feeds.production.flatMap((b) => b.rows)) {
      check(locations.get(r.plant)?.kind === "plant", `plant ${r.plant}`);
      check(
        r.plannedUnits <= r.capacityUnits,
        `planned over capacity ${r.plant} ${r.sku} ${r.date}`,
      );
    }
    for (const r of feeds.competitor_price.flatMap((b) => b.rows)) {
      check(
        r.sku ? skus.has(r.sku) : aliases.has(`${r.competitor}|${r.competitorProduct}`),
        `competitor code ${r.competitorProduct}`,
      );
      check(
        r.currency === currency.get(r.market),
        `competitor currency ${r.currency} in ${r.market}`,
      );
    }
    for (const r of feeds.consumer_signal.flatMap((b) => b.rows))
      check(currency.has(r.market), `signal market ${r.market}`);
    expect(problems).toEqual([]);
  });
});
