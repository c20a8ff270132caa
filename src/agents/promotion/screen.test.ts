import { describe, expect, it } from "vitest";
import type { Scenario } from "../../domain/scenario.js";
import { loadPolicy } from "../../policies/index.js";
import { screen, screensFor, type KnownConstraints } from "./constraints.js";
import { DEFAULT_GRID, generateScenarios, noPromotion, scenarioGrid } from "./grid.js";
import { screenGrid } from "./screen.js";
import { rankScenarios } from "./select.js";
import { blankPoint, type PointPrediction } from "./simulate.js";

const input = {
  skus: ["A-1", "B-2", "C-3"],
  category: "cereal",
  market: "UK",
  firstStart: "2026-12-28",
  hasWebShop: true,
};
const policy = loadPolicy().policy;
const known: KnownConstraints = {
  inventory: {
    skus: { "C-3": { promotable: false, reason: "shortage" } },
  } as unknown as KnownConstraints["inventory"],
  findings: [],
  policy,
  budgetLeft: 5_000,
  limits: {},
};

/** A made-up simulation with ties, losses and spends either side of the budget: enough to exercise every ordering rule. */
function predict(s: Scenario, into: PointPrediction = blankPoint()): PointPrediction {
  const p = Object.assign(into, blankPoint());
  if (s.mechanic === "none") return p;
  p.incrementalMargin =
    Math.round(((s.depthPct * 37 + s.weeks * 11 + s.sku.charCodeAt(0)) % 90) - 30) * 10;
  p.discountCost = s.depthPct * 200;
  p.liftPct = s.depthPct + (s.mechanic === "display" ? 12 : 4);
  p.roi = p.incrementalMargin / Math.max(1, p.discountCost);
  p.stockAvailable = 1e9;
  return p;
}

describe("screenGrid", () => {
  const none = noPromotion("A-1", "cereal", "UK", "2026-12-28");
  const grid = scenarioGrid(input, DEFAULT_GRID);
  const screened = screenGrid(
    grid,
    { scenario: none, prediction: predict(none) },
    (s, into) => predict(s, into),
    known,
  );
  const reference = rankScenarios([
    ...generateScenarios(input, DEFAULT_GRID).map((s) => screen(s, predict(s), screensFor(known))),
    screen(none, predict(none), screensFor(known)),
  ]);

  it("ranks every candidate as rankScenarios does, without an object per candidate until one is read", () => {
    expect(screened.length).toBe(reference.length);
    expect(screened.feasibleCount).toBe(reference.filter((x) => x.feasible).length);
    expect(screened.feasibleCount).toBeGreaterThan(1);
    expect(screened.feasibleCount).toBeLessThan(screened.length);
    expect(screened.read()).toHaveLength(0);
    const all = screened.all();
    expect(all.map((x) => x.scenario.id)).toEqual(reference.map((x) => x.scenario.id));
    expect(all.map((x) => x.feasible)).toEqual(reference.map((x) => x.feasible));
    // Predictions and reasons are made again when read: the same as the eager screen's.
    for (const r of [0, 1, screened.feasibleCount, all.length - 1]) {
      expect(all[r]!.prediction).toEqual(reference[r]!.prediction);
      expect(all[r]!.constraints).toEqual(reference[r]!.constraints);
    }
  });

  it("hands alternatives the feasible candidates and the best ruled-out one, each read once", () => {
    const fresh = screenGrid(
      grid,
      { scenario: none, prediction: predict(none) },
      (s, into) => predict(s, into),
      known,
    );
    const some = fresh.forAlternatives();
    expect(some.map((x) => x.scenario.id)).toEqual(
      reference.slice(0, fresh.feasibleCount + 1).map((x) => x.scenario.id),
    );
    expect(some.at(-1)!.feasible).toBe(false);
    expect(fresh.at(3)).toBe(some[3]);
    expect(fresh.read()).toHaveLength(some.length);
  });
});

describe("category share", () => {
  const skus = {
    "A-1": {},
    "B-2": {},
    "C-3": {},
    "D-4": {},
  } as unknown as KnownConstraints["inventory"]["skus"];
  const promoted = [{ sku: "B-2", from: "2027-01-04", to: "2027-01-10" }];
  const k: KnownConstraints = {
    ...known,
    inventory: { skus } as unknown as KnownConstraints["inventory"],
    promoted,
  };
  const at = (startDate: string, weeks: number): Scenario => ({
    id: "x",
    sku: "A-1",
    category: "cereal",
    market: "UK",
    mechanic: "feature",
    depthPct: 0,
    weeks,
    startDate,
    channels: ["store"],
  });
  const p = predict(at("2026-12-28", 1));
  p.incrementalMargin = 100;
  p.roi = 1;
  p.liftPct = 20;

  it("rules out what would put more of the category on promotion at once than the brand rule allows", () => {
    // 2 of 4 SKUs = 50 % > the shipped 40 %: the policy node would only escalate it.
    expect(screen(at("2027-01-04", 1), p, screensFor(k)).constraints.join()).toContain(
      "of the category at once",
    );
    expect(screen(at("2026-12-28", 2), p, screensFor(k)).feasible).toBe(false);
    expect(screen(at("2026-12-28", 1), p, screensFor(k)).feasible).toBe(true);
    expect(screen(at("2027-01-11", 1), p, screensFor(k)).feasible).toBe(true);
  });
});
