import { describe, expect, it } from "vitest";
import { buildPanel } from "../panel.js";
import { simulateMarket } from "../testing/simulated-panel.js";
import { fitLiftModel } from "./fit.js";
import { liftParams, liftParamsSchema } from "./params.js";

describe("fitLiftModel on a simulated market", () => {
  const panel = buildPanel(
    simulateMarket({ seed: 3, weeks: 80, elasticity: -2, displayLift: 0.3 }),
  );
  const model = fitLiftModel(panel, 79, {}, { calibrationWeeks: 12 });

  it("recovers the true elasticity and display lift", () => {
    const params = liftParams(model);
    for (const u of params.upcs) {
      expect(u.effects.elasticity).toBeGreaterThan(-2.6);
      expect(u.effects.elasticity).toBeLessThan(-1.5);
    }
    const g = params.global;
    // Display carries +0.3 log-points in the truth; the pooled estimate should be close.
    const cat = params.categories.map((c) => c.deviation.display);
    const display =
      g.display +
      cat.reduce((a, b) => a + b, 0) / cat.length +
      g.displayXLogPriceRatio * Math.log(0.8);
    expect(display).toBeGreaterThan(0.15);
    expect(display).toBeLessThan(0.45);
  });

  it("exposes parameters as a zod-valid plain object", () => {
    const params = liftParams(model);
    expect(() => liftParamsSchema.parse(JSON.parse(JSON.stringify(params)))).not.toThrow();
    expect(params.features).toContain("logPriceRatio");
    expect(params.intervals?.buckets.length).toBeGreaterThan(0);
  });
});
