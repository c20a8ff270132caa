import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { btfMoments, classify } from "./btf-moments.js";
import { calendarMoments, historyMoments, shippedPattern } from "./btf-pattern.js";
import { historicalCalendar } from "./calendar.js";
import { shippedCalibration } from "./calibration.js";
import { DEFAULT_WORLD_SPEC } from "./spec.js";
import { MarketWorld } from "./world.js";
import { drawWorld } from "./world-load.js";
import { worldByName, worldNames } from "./worlds/registry.js";

const pattern = shippedPattern();
const FRAT = new URL("../../../../shared/data/breakfast-at-the-frat", import.meta.url).pathname;
const HAS_DATA = existsSync(`${FRAT}/transactions.csv`);
if (!HAS_DATA)
  console.warn(
    `BTF moments: ${FRAT} is missing; the fresh-fit test is skipped (the shipped pattern is still checked)`,
  );

describe("BTF promotion moments", () => {
  it("classifies rows: a flag is a promotion, a cut under half a cent is no cut", () => {
    expect(classify(false, false, false, 1, 1)).toBeNull();
    expect(classify(true, false, false, 2, 2)).toEqual({ mechanic: "feature", depth: 0 });
    expect(classify(true, true, false, 1.5, 2)).toEqual({
      mechanic: "feature_display",
      depth: 0.25,
    });
    expect(classify(false, false, true, 1.996, 2)).toEqual({ mechanic: "tpr", depth: 0 });
  });

  it("the shipped pattern sits in the issue's ranges (frequency 24–33 %, depths p10 ≈ 10–11 %, p90 29–40 %)", () => {
    const p = shippedPattern();
    for (const cat of ["BAG SNACKS", "COLD CEREAL", "FROZEN PIZZA"]) {
      const c = p.categories[cat]!;
      expect(c.frequency).toBeGreaterThan(0.24);
      expect(c.frequency).toBeLessThan(0.33);
      expect(c.depthQuantiles[1]).toBeGreaterThan(0.09);
      expect(c.depthQuantiles[5]).toBeLessThan(0.4);
      expect(c.featureWithoutCut).toBeLessThan(0.07);
    }
  });

  it.skipIf(!HAS_DATA)(
    "the shipped pattern is what the data gives today",
    () => {
      expect(btfMoments(FRAT)).toEqual(shippedPattern());
    },
    60_000,
  );
});

describe("the pre-pilot calendar replays the BTF pattern", () => {
  it("over 30 seeds its moments match the data's per category", () => {
    const seeds = Array.from({ length: 30 }, (_, i) => i + 1);
    const spec = DEFAULT_WORLD_SPEC;
    const w = new MarketWorld(
      spec,
      drawWorld(worldByName("base"), 1, spec, shippedCalibration()).truth,
    );
    const cal = seeds.flatMap((seed) =>
      historicalCalendar(w, seed, 0, spec.historyWeeks).map((c) => ({
        ...c,
        id: `${seed}-${c.id}`,
        market: `${c.market}-${seed}`,
      })),
    );
    const wide = {
      ...spec,
      markets: seeds.flatMap((seed) => spec.markets.map((m) => ({ ...m, id: `${m.id}-${seed}` }))),
    };
    const got = calendarMoments(cal, wide, 0, spec.historyWeeks);
    for (const cat of spec.categories.map((c) => c.name)) {
      const want = pattern.categories[cat]!;
      const have = got[cat]!;
      expect(
        Math.abs(have.frequency - want.frequency),
        `${cat} frequency ${have.frequency}`,
      ).toBeLessThan(0.03);
      expect(
        Math.abs(have.meanRunWeeks - want.meanRunWeeks),
        `${cat} run ${have.meanRunWeeks}`,
      ).toBeLessThan(0.5);
      expect(
        Math.abs(have.depthQuantiles[1]! - want.depthQuantiles[1]!),
        `${cat} depth p10`,
      ).toBeLessThan(0.02);
      expect(
        Math.abs(have.depthQuantiles[5]! - want.depthQuantiles[5]!),
        `${cat} depth p90`,
      ).toBeLessThan(0.03);
      // Full-price ads are rare (≈ 1 % of bag-snack events): a binomial sd of ≈ 2 points here.
      expect(
        Math.abs(have.featureWithoutCut - want.featureWithoutCut),
        `${cat} feature w/o cut ${have.featureWithoutCut}`,
      ).toBeLessThan(0.04);
    }
  });
});

describe("every world's observed history hits the BTF moments", () => {
  for (const name of worldNames()) {
    it(
      name,
      () => {
        const spec = DEFAULT_WORLD_SPEC;
        const { truth, model } = drawWorld(worldByName(name), 1, spec, shippedCalibration());
        const w = new MarketWorld(spec, truth, model);
        const cal = historicalCalendar(w, 1, 0, spec.historyWeeks);
        const outcomes = Array.from({ length: spec.historyWeeks }, (_, k) => w.step(k, cal));
        const got = historyMoments(outcomes);
        for (const cat of spec.categories.map((c) => c.name)) {
          const want = pattern.categories[cat]!;
          const have = got[cat]!;
          // One seed is ≈ 90 events a category: depth quantiles and the few full-price ads are lumpy.
          expect(
            Math.abs(have.frequency - want.frequency),
            `${cat} frequency ${have.frequency}`,
          ).toBeLessThan(0.05);
          expect(
            Math.abs(have.depthQuantiles[1]! - want.depthQuantiles[1]!),
            `${cat} depth p10`,
          ).toBeLessThan(0.06);
          expect(
            Math.abs(have.depthQuantiles[5]! - want.depthQuantiles[5]!),
            `${cat} depth p90`,
          ).toBeLessThan(0.06);
          expect(have.featureWithoutCut, `${cat} feature without cut`).toBeLessThan(0.1);
        }
      },
      30_000,
    );
  }
});
