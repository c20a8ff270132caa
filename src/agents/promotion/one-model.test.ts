import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as categoryModel from "../../models/lift/category-model.js";
import { LiftModel } from "../../models/lift/model.js";
import { runLiftBacktest } from "../../models/backtest/run.js";
import { simulateMarket } from "../../models/testing/simulated-panel.js";
import type { FratDataset } from "../../models/data/frat-schemas.js";
import { fitCategoryLift } from "./category-lift.js";
import type { HistoryRow } from "./history.js";
import { LiftPricer } from "./lift-simulate.js";
import type { SkuMarketContext } from "./simulate.js";

vi.mock("../../models/lift/category-model.js", { spy: true });

const data = simulateMarket({ seed: 11, weeks: 60, stores: 4, upcsPerCategory: 3 });

/** The market as a Breakfast-at-the-Frat folder, what `backtest lift` reads. */
function fratDir(d: FratDataset): string {
  const dir = mkdtempSync(join(tmpdir(), "one-model-"));
  const tx = d.transactions.map((t) =>
    [
      t.weekEndDate,
      t.store,
      t.upc,
      t.units,
      t.units,
      t.units,
      t.spend,
      t.price,
      t.basePrice,
      t.feature,
      t.display,
      t.tprOnly,
    ].join(","),
  );
  writeFileSync(
    join(dir, "transactions.csv"),
    [
      "WEEK_END_DATE,STORE_NUM,UPC,UNITS,VISITS,HHS,SPEND,PRICE,BASE_PRICE,FEATURE,DISPLAY,TPR_ONLY",
      ...tx,
    ].join("\n"),
  );
  const products = d.products.map(
    (p) => `${p.upc},${p.description},SIM,${p.category},${p.subCategory},1`,
  );
  writeFileSync(
    join(dir, "products.csv"),
    ["UPC,DESCRIPTION,MANUFACTURER,CATEGORY,SUB_CATEGORY,PRODUCT_SIZE", ...products].join("\n"),
  );
  const stores = d.stores.map((s) => `${s.storeId},S,X,OH,1,VALUE,,1,1`);
  writeFileSync(
    join(dir, "stores.csv"),
    [
      "STORE_ID,STORE_NAME,ADDRESS_CITY_NAME,ADDRESS_STATE_PROV_CODE,MSA_CODE,SEG_VALUE_NAME,PARKING_SPACE_QTY,SALES_AREA_SIZE_NUM,AVG_WEEKLY_BASKETS",
      ...stores,
    ].join("\n"),
  );
  return dir;
}

/** The same category's sales as the store hands them to the agent (one market, a location per store). */
function historyOf(category: string): HistoryRow[] {
  const product = new Map(data.products.map((p) => [p.upc, p]));
  return data.transactions
    .filter((t) => product.get(t.upc)!.category === category)
    .map((t) => {
      const depth = 1 - t.price / t.basePrice;
      return {
        sku: `U${t.upc}`,
        subcategory: product.get(t.upc)!.subCategory,
        market: "M1",
        series: `S${t.store}`,
        week: t.weekEndDate,
        units: t.units,
        depth: depth < 0.03 ? 0 : depth,
        feature: t.feature === 1,
        display: t.display === 1,
        price: t.price,
        regularPrice: t.basePrice,
      };
    });
}

afterEach(() => vi.clearAllMocks());

describe("one model stack", () => {
  it("backtest lift and the promotion agent fit with fitCategoryModel and predict with LiftModel.predictRow", async () => {
    const predictRow = vi.spyOn(LiftModel.prototype, "predictRow");
    const fit = vi.mocked(categoryModel.fitCategoryModel);
    await runLiftBacktest({ dataDir: fratDir(data), trainEnd: "2010-01-13", calibrationWeeks: 8 });
    expect(fit).toHaveBeenCalledTimes(2);
    expect(predictRow).toHaveBeenCalled();
    fit.mockClear();
    predictRow.mockClear();

    const lift = fitCategoryLift("CAT A", historyOf("CAT A"))!;
    expect(fit).toHaveBeenCalledTimes(1);
    expect(lift.model).toBeInstanceOf(LiftModel);
    const ctx: SkuMarketContext = {
      sku: "U1000",
      market: "M1",
      regularPrice: 4,
      unitCost: 2,
      baselineWeekly: [100, 100, 100, 100],
      storeShare: 1,
      stores: 4,
      hasWebShop: false,
      siblingWeeklyUnits: 0,
      siblingUnitMargin: 0,
      stockAvailable: 1e6,
      excessUnits: 0,
      excessWeeks: 0,
    };
    const start = new Date(Date.parse(`${lift.lastWeek}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    const scenario = {
      id: "x",
      sku: "U1000",
      category: "CAT A",
      market: "M1",
      mechanic: "display" as const,
      depthPct: 20,
      weeks: 2,
      startDate: start,
      channels: ["store" as const],
    };
    const p = new LiftPricer(lift, "M1").point(scenario, ctx);
    expect(predictRow).toHaveBeenCalled();
    // The simulated truth: display +0.3 log-points and elasticity −2, so a 20 % cut on display sells more.
    expect(p.promoUnits).toBeGreaterThan(1.5 * p.baselineUnits);
    expect(p.promoUnits).toBeLessThan(3 * p.baselineUnits);
  });

  it("the agent's fit on store rows equals the backtest's fit on the same sales", () => {
    const fromStore = fitCategoryLift("CAT B", historyOf("CAT B"))!;
    const sales = categoryModel.salesByCategory(data).get("CAT B")!;
    const last = sales.transactions.reduce((a, t) => (t.weekEndDate > a ? t.weekEndDate : a), "");
    const direct = categoryModel.fitCategoryModel(sales, last)!;
    const a = fromStore.model.coefficients.global;
    const b = direct.coefficients.global;
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 6));
  });
});
