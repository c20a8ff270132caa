import { describe, expect, it } from "vitest";
import type { DecisionRecord } from "../domain/decision.js";
import type { EvaluatedScenario } from "../domain/scenario.js";
import { whyNoLaunch } from "./gap.js";

const candidate = (margin: number, constraints: string[], mechanic = "feature") =>
  ({
    scenario: { mechanic },
    prediction: { incrementalMargin: margin },
    feasible: constraints.length === 0,
    constraints,
  }) as unknown as EvaluatedScenario;

const decision = (status: string, scenarios: EvaluatedScenario[], rules: string[] = []) =>
  ({
    status,
    scenarios,
    policy: {
      rules: rules.map((id) => ({ id, outcome: status === "rejected" ? "escalate" : "block" })),
    },
  }) as unknown as DecisionRecord;

describe("whyNoLaunch", () => {
  it("names the policy rules of a rejected escalation", () => {
    const d = decision("rejected", [], ["brand.gap", "autonomy.discount_depth", "brand.gap"]);
    expect(whyNoLaunch(d)).toBe("escalation rejected: autonomy.discount_depth, brand.gap");
  });

  it("books a candidate stopped only by the probability floor to the floor", () => {
    const floor = "P(incremental margin > 0) 0.55 < policy minimum 0.6";
    const d = decision("no_action", [
      candidate(300, ["SKU1 not promotable: shortage"]),
      candidate(120, [floor]),
      candidate(0, [], "none"),
    ]);
    expect(whyNoLaunch(d)).toBe("P floor");
  });

  it("says the model saw no gain when no promotion was forecast to pay", () => {
    const d = decision("no_action", [candidate(-40, []), candidate(0, [], "none")]);
    expect(whyNoLaunch(d)).toBe("forecast ≤ 0");
    expect(whyNoLaunch(undefined)).toBe("no decision");
  });
});
