import { describe, expect, it } from "vitest";
import { DEFAULT_GRID, generateScenarios, noPromotion, scenarioGrid } from "./grid.js";

describe("generateScenarios", () => {
  const input = {
    skus: ["A-1", "B-2"],
    category: "cereal",
    market: "UK",
    firstStart: "2026-12-28",
    hasWebShop: true,
  };

  it("covers mechanic × depth × weeks × start × channels per SKU, a TPR only with a price cut", () => {
    const all = generateScenarios(input, DEFAULT_GRID);
    // 4 mechanics × 9 depths, less the TPR at 0 %, × 3 lengths × 2 starts × 2 channel sets, per SKU.
    expect(all).toHaveLength(2 * (4 * 9 - 1) * 3 * 2 * 2);
    expect(all.some((s) => s.mechanic === "tpr" && s.depthPct === 0)).toBe(false);
    // The second start is a week later, across the year's end.
    expect([...new Set(all.map((s) => s.startDate))]).toEqual(["2026-12-28", "2027-01-04"]);
    expect(
      generateScenarios({ ...input, hasWebShop: false }, DEFAULT_GRID).every(
        (s) => !s.channels.includes("ecommerce"),
      ),
    ).toBe(true);
  });

  it("names each scenario by its parts, uniquely", () => {
    const all = generateScenarios(input, DEFAULT_GRID);
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    for (const s of all)
      expect(s.id).toBe(
        `${s.sku}:${s.mechanic}:${s.depthPct}:${s.weeks}w:${s.startDate}:${s.channels.join("+")}`,
      );
  });

  it("makes scenario i on demand, and writes the same fields into a reused probe", () => {
    const grid = scenarioGrid(input, DEFAULT_GRID);
    const all = generateScenarios(input, DEFAULT_GRID);
    expect(grid.length).toBe(all.length);
    const probe = noPromotion("x", "cereal", "UK", "2026-12-28");
    for (const i of [0, 1, 11, 12, 419, all.length - 1]) {
      expect(grid.at(i)).toEqual(all[i]);
      const { id: _id, ...fields } = all[i]!;
      expect(grid.fill(i, probe)).toEqual({ ...fields, id: "no-promotion" });
    }
  });
});
