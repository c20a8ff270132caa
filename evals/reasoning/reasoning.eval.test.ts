import { describe, expect, it } from "vitest";
import { runReasoningEval } from "./run.js";

describe("reasoning eval: the promotion agent against the demo market's hidden truth", () => {
  // The demo's hidden truth is the equation of the agent's former effects model (issue #24: "the
  // world is the agent's model"); that model scored ≥ 0.95 here. The lift model the agent plans
  // with now is the one measured on real data (`backtest lift`), and it scores 0.76 on this world
  // (83 % of the best candidates' summed true margin, no losing choice): a loss we report, not hide.
  it("chooses ≥ 75 % of the best candidate's true margin on average and never a money-losing scenario", async () => {
    const report = await runReasoningEval({ seeds: [1, 2] });
    expect(report.scopes.length).toBe(40);
    expect(report.meanRatio).toBeGreaterThanOrEqual(0.75);
    expect(report.losingChoices).toBe(0);
    expect(report.scopes.every((s) => s.trueMargin >= 0)).toBe(true);
  }, 300_000);
});
