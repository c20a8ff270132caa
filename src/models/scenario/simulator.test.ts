import { describe, expect, it } from "vitest";
import { fitLiftModel } from "../lift/fit.js";
import { buildPanel } from "../panel.js";
import { simulateMarket } from "../testing/simulated-panel.js";
import { PromotionSimulator } from "./simulator.js";
import { scenarioResultSchema } from "./schemas.js";

describe("PromotionSimulator", () => {
  const data = simulateMarket({ seed: 11, weeks: 70, elasticity: -2.5 });
  const panel = buildPanel(data);
  const model = fitLiftModel(panel, 69, {}, { calibrationWeeks: 10 });
  model.absorbThrough(69);
  const sim = new PromotionSimulator(model);
  const upc = data.products[0]!.upc;
  const stores = data.stores.slice(0, 5).map((s) => s.storeId);
  const regular = data.transactions.find((t) => t.upc === upc)!.basePrice;
  const next = panel.weekDates[69]!;
  const week = (k: number): string =>
    new Date(Date.parse(`${next}T00:00:00Z`) + k * 7 * 86_400_000).toISOString().slice(0, 10);

  it("decomposes a 30 % price cut into baseline, incremental, cannibalised and pulled-forward units", () => {
    const r = sim.evaluate({
      upc,
      stores,
      weeks: [week(1), week(2)],
      price: regular * 0.7,
      regularPrice: regular,
      tprOnly: 1,
      unitCost: regular * 0.5,
    });
    expect(() => scenarioResultSchema.parse(r)).not.toThrow();
    // Truth: exp(2.5 × −log 0.7) ≈ 2.4× baseline.
    expect(r.promoUnits / r.baselineUnits).toBeGreaterThan(1.8);
    expect(r.promoUnits / r.baselineUnits).toBeLessThan(3.2);
    expect(r.netIncrementalUnits).toBeCloseTo(
      r.incrementalUnits - r.cannibalisedUnits - r.pulledForwardUnits,
      6,
    );
    expect(r.discountCost).toBeCloseTo(r.promoUnits * regular * 0.3, 6);
    const [lo, hi] = r.interval80.promoUnits;
    expect(lo).toBeLessThan(r.promoUnits);
    expect(hi).toBeGreaterThan(r.promoUnits);
    expect(r.effects.elasticity).toBeLessThan(-1.5);
  });

  it("a deeper cut sells more; margin reflects discount cost", () => {
    const at = (price: number) =>
      sim.evaluate({
        upc,
        stores,
        weeks: [week(1)],
        price,
        regularPrice: regular,
        tprOnly: 1,
        unitCost: 0,
      });
    const shallow = at(regular * 0.9);
    const deep = at(regular * 0.6);
    expect(deep.promoUnits).toBeGreaterThan(shallow.promoUnits);
    expect(deep.discountCost).toBeGreaterThan(shallow.discountCost);
  });

  it("rejects unknown products and past weeks with typed errors", () => {
    expect(() =>
      sim.evaluate({ upc: 42, stores, weeks: [week(1)], price: 1, unitCost: 0 }),
    ).toThrow(expect.objectContaining({ code: "UNKNOWN_SERIES" }));
    expect(() => sim.evaluate({ upc, stores, weeks: [next], price: 1, unitCost: 0 })).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
  });
});
