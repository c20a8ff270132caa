import { describe, expect, it } from "vitest";
import { DEFAULT_GRID, generateScenarios } from "./grid.js";

describe("generateScenarios", () => {
  const input = { skus: ["A-1", "B-2"], category: "cereal", market: "UK", firstStart: "2026-12-28", hasWebShop: true };

  it("covers mechanic × depth × weeks × start × channels per SKU, a TPR only with a price cut", () => {
    const all = generateScenarios(input, DEFAULT_GRID);
    // 4 mechanics × 9 depths, less the TPR at 0 %, × 3 lengths × 2 starts × 2 channel sets, per SKU.
    expect(all).toHaveLength(2 * (4 * 9 - 1) * 3 * 2 * 2);
    expect(all.some((s) => s.mechanic === "tpr" && s.depthPct === 0)).toBe(false);
    // The second start is a week later, across the year's end.
    expect([...new Set(all.map((s) => s.startDate))]).toEqual(["2026-12-28", "2027-01-04"]);
    expect(generateScenarios({ ...input, hasWebShop: false }, DEFAULT_GRID).every((s) => !s.channels.includes("ecommerce"))).toBe(true);
  });

  it("names each scenario by its parts, uniquely", () => {
    const all = generateScenarios(input, DEFAULT_GRID);
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    for (const s of all) expect(s.id).toBe(`${s.sku}:${s.mechanic}:${s.depthPct}:${s.weeks}w:${s.startDate}:${s.channels.join("+")}`);
  });
});
