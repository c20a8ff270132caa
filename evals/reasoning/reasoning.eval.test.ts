import { describe, expect, it } from "vitest";
import { runReasoningEval } from "./run.js";

describe("reasoning eval: the promotion agent against the demo market's hidden truth", () => {
  it("chooses ≥ 95 % of the best candidate's true margin on average and never a money-losing scenario", async () => {
    const report = await runReasoningEval({ seeds: [1, 2] });
    expect(report.scopes.length).toBe(40);
    expect(report.meanRatio).toBeGreaterThanOrEqual(0.95);
    expect(report.losingChoices).toBe(0);
    expect(report.scopes.every((s) => s.trueMargin >= 0)).toBe(true);
  }, 300_000);
});
