import { describe, expect, it } from "vitest";
import type { PromotionPlan } from "../agents/promotion/index.js";
import type { Scenario } from "../domain/scenario.js";
import { screenOf, verdictIn, type PickQuery } from "./gap-screens.js";

const scenario = (sku: string, weeks: number, startDate = "2025-01-05"): Scenario => ({
  id: `${sku}:feature_display:0:${weeks}w:${startDate}:store`,
  sku,
  category: "C",
  market: "FR",
  mechanic: "feature_display",
  depthPct: 0,
  weeks,
  startDate,
  channels: ["store"],
});

const item = (s: Scenario, margin: number, constraints: string[]) => ({
  scenario: s,
  prediction: { incrementalMargin: margin },
  feasible: constraints.length === 0,
  constraints,
});

const query = (sku: string, weeks: number): PickQuery => ({
  market: "FR",
  sku,
  mechanic: "feature_display",
  depthPct: 0,
  weeks,
  startDate: "2025-01-05",
});

/** A plan whose screen ruled out A's 2-week run by stock, and chose A's 1-week run over B's. */
function plan(): PromotionPlan {
  const chosen = item(scenario("A", 1), 200, []);
  const other = item(scenario("B", 1), 150, []);
  const supply = "needs 1,400 units with safety margin, 900 available";
  const screened = [chosen, other, item(scenario("A", 2), 400, [supply])];
  return {
    screened,
    ranked: [chosen, other],
    choice: { chosen },
  } as unknown as PromotionPlan;
}

describe("screenOf", () => {
  it("names the screen of each planner reason", () => {
    expect(screenOf("needs 693 units with safety margin, 463 available")).toBe("supply guardrail");
    expect(screenOf("CC-01 promoted 2025-01-12–2025-01-18: less than 2 weeks from this one")).toBe(
      "brand gap",
    );
    expect(
      screenOf("CC-03 with the category's SKUs already on promotion then: more than 40 % of"),
    ).toBe("category share");
    expect(screenOf("spend 900 > category budget left 100")).toBe("budget");
    expect(screenOf("P(incremental margin > 0) 0.55 < policy minimum 0.6")).toBe("risk: P floor");
  });
});

describe("verdictIn", () => {
  it("reports the screen that ruled the same scenario out, with the agent's own forecast", () => {
    const v = verdictIn(plan(), query("A", 2));
    expect(v.screen).toBe("supply guardrail");
    expect(v.forecast).toBe(400);
    expect(v.detail).toMatch(/needs 1,400 units/);
  });

  it("reports a feasible scenario the agent ranked below its choice", () => {
    const v = verdictIn(plan(), query("B", 1));
    expect(v.screen).toBe("forecast rank");
    expect(v.detail).toMatch(/feasible rank 2; chosen A:feature_display:0:1w/);
  });

  it("says when the agent's grid has no such scenario", () => {
    expect(verdictIn(plan(), query("C", 3)).screen).toBe("not in the agent's grid");
  });
});
