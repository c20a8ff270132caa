import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { shippedCalibration } from "./calibration.js";
import type { WorldCampaign } from "./campaign.js";
import { DEFAULT_WORLD_SPEC } from "./spec.js";
import { drawTruth } from "./truth.js";
import { MarketWorld } from "./world.js";
import { drawWorld, loadWorld } from "./world-load.js";
import { isWorldError } from "./world-error.js";
import { worldByName, worldNames } from "./worlds/registry.js";
import { REGIME_CHANGE_PILOT_WEEK } from "./worlds/regime.js";

const spec = DEFAULT_WORLD_SPEC;
const cal = shippedCalibration();
const H = spec.historyWeeks;

const make = (name: string, seed = 1) => {
  const { truth, model } = drawWorld(worldByName(name), seed, spec, cal);
  return new MarketWorld(spec, truth, model);
};
const promo = (
  sku: string,
  mechanic: WorldCampaign["mechanic"],
  depth: number,
  startWeek: number,
  weeks = 1,
  id = `c-${sku}-${startWeek}`,
): WorldCampaign => ({
  id,
  market: "FR",
  category: "COLD CEREAL",
  sku,
  mechanic,
  depth,
  startWeek,
  weeks,
  holdout: [],
  plannedLift: 1,
});
const lift = (w: MarketWorld, c: WorldCampaign, all: WorldCampaign[] = [c], week = c.startWeek) =>
  w.expectedUnits("FR", "FR-S01", c.sku, week, all) /
  w.expectedUnits("FR", "FR-S01", c.sku, week, []);

describe("world registry", () => {
  it("lists every shipped world and names them in the error for an unknown one", () => {
    expect(worldNames()).toEqual([
      "base",
      "fatigue",
      "s-curve",
      "feature-needs-cut",
      "heterogeneous",
      "regime",
      "ad-slots",
      "competitive",
    ]);
    let err: unknown;
    try {
      worldByName("nope");
    } catch (e) {
      err = e;
    }
    expect(isWorldError(err)).toBe(true);
    expect((err as Error).message).toMatch(/unknown world "nope".*base, fatigue, s-curve/);
  });

  it("base is the old equation: same demand as a world built without a model", () => {
    const a = make("base", 4);
    const b = new MarketWorld(spec, drawTruth(4, spec, cal));
    const c = [promo("CC-01", "feature_display", 0.2, 3, 2)];
    for (let w = 0; w < 6; w++) expect(a.step(w, c)).toEqual(b.step(w, c));
  });

  it("draws parameters per seed, deterministically", () => {
    for (const name of worldNames()) {
      const one = drawWorld(worldByName(name), 1, spec, cal).model.params;
      expect(drawWorld(worldByName(name), 1, spec, cal).model.params).toEqual(one);
      if (name !== "base")
        expect(drawWorld(worldByName(name), 2, spec, cal).model.params).not.toEqual(one);
    }
  });
});

describe("world mechanics differ where documented", () => {
  it("fatigue: the same cut lifts less after recent promotions and recovers with time", () => {
    const w = make("fatigue");
    const fresh = lift(w, promo("CC-01", "tpr", 0.2, 40));
    const recent = [
      promo("CC-01", "tpr", 0.2, 34, 2, "a"),
      promo("CC-01", "tpr", 0.2, 37, 2, "b"),
      promo("CC-01", "tpr", 0.2, 40),
    ];
    const tired = lift(w, recent[2]!, recent);
    expect(tired).toBeLessThan(fresh);
    expect(fresh).toBeGreaterThan(1);
    expect(lift(make("base"), recent[2]!, recent)).toBeCloseTo(
      lift(make("base"), promo("CC-01", "tpr", 0.2, 40)),
      9,
    );
  });

  it("s-curve: a shallow cut barely lifts, deep cuts saturate", () => {
    const w = make("s-curve");
    const l = (d: number) => lift(w, promo("CC-02", "tpr", d, 40));
    expect(l(0.05) - 1).toBeLessThan(0.25 * (l(0.3) - 1));
    expect(l(0.5)).toBeCloseTo(l(0.4), 3);
  });

  it("feature-needs-cut: a full-price ad lifts far less than in base", () => {
    const ad = promo("CC-03", "feature", 0, 40);
    expect(lift(make("feature-needs-cut"), ad) - 1).toBeLessThan(
      0.3 * (lift(make("base"), ad) - 1),
    );
  });

  it("heterogeneous: store elasticities span 3x within a market", () => {
    const p = drawWorld(worldByName("heterogeneous"), 3, spec, cal).model.params as {
      storeElasticity: Record<string, number>;
    };
    const fr = Object.entries(p.storeElasticity)
      .filter(([k]) => k.startsWith("FR"))
      .map(([, v]) => v);
    expect(Math.max(...fr) / Math.min(...fr)).toBeCloseTo(3, 6);
  });

  it("regime: lifts shrink from the documented pilot week on", () => {
    const w = make("regime");
    const at = H + REGIME_CHANGE_PILOT_WEEK;
    expect(lift(w, promo("CC-01", "feature", 0.2, at))).toBeLessThan(
      lift(w, promo("CC-01", "feature", 0.2, at - 1)) * 0.97,
    );
  });

  it("ad-slots: ads beyond the week's slots do not run, cost the drawn price, and reach holdouts", () => {
    const w = make("ad-slots");
    const slots = w.model.ads.slotsPerMarketWeek;
    const skus = ["CC-01", "CC-02", "CC-03", "CC-04", "FP-01", "FP-02"];
    const all = skus.map((s, i) => ({
      ...promo(s, "feature" as const, 0, 40, 1, `a${i}`),
      holdout: ["FR-S01"],
    }));
    const o = w.step(40, all);
    const featured = new Set(
      o.cells.filter((c) => c.feature && c.market === "FR").map((c) => c.sku),
    );
    expect(featured.size).toBe(slots);
    const paid = o.accruals.filter((a) => a.mediaCost > 0);
    expect(paid).toHaveLength(slots);
    expect(paid[0]!.mediaCost).toBe(w.model.ads.featureCostPerWeek);
    // The holdout store of a slotted ad sells more than without it.
    expect(w.expectedUnits("FR", "FR-S01", "CC-01", 40, all)).toBeGreaterThan(
      w.expectedUnits("FR", "FR-S01", "CC-01", 40, []),
    );
  });

  it("competitive: the competitor matches a cut in its first week far more often than in base", () => {
    const count = (name: string) => {
      let n = 0;
      for (let seed = 1; seed <= 6; seed++) {
        const w = make(name, seed);
        const c = promo("CC-01", "tpr", 0.25, 5, 2);
        for (let k = 0; k < 5; k++) w.step(k, [c]);
        w.step(5, [c]);
        if (w.competitorCut("FR", "CC-01") === 0.25) n++;
      }
      return n;
    };
    expect(count("competitive")).toBeGreaterThanOrEqual(3);
    expect(count("base")).toBeLessThanOrEqual(1);
  });
});

describe("world modules (--world FILE)", () => {
  it("loads an analyst's module from a temp folder and plays it", async () => {
    const zod = pathToFileURL(createRequire(import.meta.url).resolve("zod")).href;
    const dir = mkdtempSync(join(tmpdir(), "autopromo-world-"));
    const file = join(dir, "double-ads.mjs");
    writeFileSync(
      file,
      [
        `import { z } from ${JSON.stringify(zod)};`,
        "export default {",
        '  name: "double-ads", description: "Every promotion lifts k times the base log-lift.",',
        "  params: z.object({ k: z.number() }),",
        "  drawParams: (seed) => ({ k: 1 + (seed % 3) }),",
        "  promoLift: (i, p) => Math.pow(1 - i.campaign.depth, p.k * i.truth.skus[i.campaign.sku].elasticity),",
        "};",
      ].join("\n"),
    );
    const def = await loadWorld(file);
    expect(def.name).toBe("double-ads");
    const { truth, model } = drawWorld(def, 2, spec, cal);
    const w = new MarketWorld(spec, truth, model);
    const base = make("base", 2);
    const c = promo("CC-01", "tpr", 0.2, 10);
    expect(Math.log(lift(w, c))).toBeCloseTo(3 * Math.log(lift(base, c)), 6);
    expect(w.step(10, [c]).cells.length).toBeGreaterThan(0);
  });

  it("names the file and the problem when a module is not a world", async () => {
    const dir = mkdtempSync(join(tmpdir(), "autopromo-world-"));
    const file = join(dir, "bad.mjs");
    writeFileSync(file, 'export default { name: "Bad Name", description: "" };');
    await expect(loadWorld(file)).rejects.toThrow(
      /bad\.mjs: not a world definition: name: kebab-case.*description/,
    );
    await expect(loadWorld(join(dir, "missing.js"))).rejects.toThrow(/file not found/);
    const bad = join(dir, "bad-params.mjs");
    const zod = pathToFileURL(createRequire(import.meta.url).resolve("zod")).href;
    writeFileSync(
      bad,
      `import { z } from ${JSON.stringify(zod)};\nexport const world = { name: "bp", description: "x", params: z.object({ k: z.number() }), drawParams: () => ({ k: "no" }) };`,
    );
    const def = await loadWorld(bad);
    expect(() => drawWorld(def, 1, spec, cal)).toThrow(
      /world bp, seed 1: drawn parameters are invalid: k:/,
    );
  });
});
