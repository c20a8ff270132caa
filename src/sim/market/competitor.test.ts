import { describe, expect, it } from "vitest";
import { shippedCalibration } from "./calibration.js";
import type { WorldCampaign } from "./campaign.js";
import { DEFAULT_WORLD_SPEC } from "./spec.js";
import { MarketWorld } from "./world.js";
import { drawWorld } from "./world-load.js";
import { worldByName } from "./worlds/registry.js";

const spec = DEFAULT_WORLD_SPEC;

const make = (name: string, seed: number) => {
  const { truth, model } = drawWorld(worldByName(name), seed, spec, shippedCalibration());
  return new MarketWorld(spec, truth, model);
};

describe("the competitor ahead", () => {
  it("is the cut the world then plays, week by week, under the same campaigns", () => {
    for (const [name, seed] of [
      ["competitive", 1],
      ["competitive", 2],
      ["base", 3],
    ] as const) {
      const w = make(name, seed);
      for (let k = 0; k < 10; k++) w.step(k, []);
      const cuts: WorldCampaign[] = ["CC-01", "CC-02", "CC-03", "CC-04"].map((sku, i) => ({
        id: `c${i}`,
        market: "FR",
        category: "COLD CEREAL",
        sku,
        mechanic: "tpr",
        depth: 0.2,
        startWeek: 10 + i,
        weeks: 2,
        holdout: [],
        plannedLift: 1,
      }));
      const ahead = Object.fromEntries(
        ["CC-01", "CC-02", "CC-03", "CC-04"].map((sku) => [
          sku,
          w.competitorCutsAhead("FR", sku, 16, cuts),
        ]),
      );
      const played: Record<string, number[]> = {};
      for (let k = 10; k <= 16; k++) {
        w.step(k, cuts);
        for (const sku of Object.keys(ahead)) (played[sku] ??= []).push(w.competitorCut("FR", sku));
      }
      expect(played).toEqual(ahead);
    }
  });

  it("answers the candidate: a matched cut in `competitive` meets the competitor's cut", () => {
    const w = make("competitive", 1);
    for (let k = 0; k < 10; k++) w.step(k, []);
    // Some SKU and week where the competitor, unprovoked, stands still but matches our cut.
    let found = false;
    for (const sku of ["CC-01", "CC-02", "CC-03", "CC-04", "FP-01", "FP-02"]) {
      const c: WorldCampaign = {
        id: "x",
        market: "FR",
        category: "",
        sku,
        mechanic: "tpr",
        depth: 0.25,
        startWeek: 10,
        weeks: 2,
        holdout: [],
        plannedLift: 1,
      };
      const idle = w.competitorCutsAhead("FR", sku, 11, []);
      const answer = w.competitorCutsAhead("FR", sku, 11, [c]);
      if (idle[0] !== 0 || answer[0] === 0) continue;
      found = true;
      expect(answer).toEqual([0.25, 0.25]);
      const store = w.stores("FR")[0]!;
      expect(w.expectedUnitsAgainst("FR", store, sku, 10, [c], 0.25)).toBeLessThan(
        w.expectedUnits("FR", store, sku, 10, [c]),
      );
    }
    expect(found).toBe(true);
  });
});
