import { describe, expect, it } from "vitest";
import type { Commitment } from "../context/types.js";
import { makeContext, makePolicy, makeProposal, outcomeOf } from "../testing.js";

const commit = (amount: number, category = "cereal"): Commitment => ({
  campaignId: "c1",
  category,
  markets: ["M1"],
  skus: ["X"],
  mechanic: "tpr",
  startDate: "2025-01-10",
  endDate: "2025-01-11",
  amount,
});
const p = makeProposal({ budget: { media: 1400, discount: 0 } }); // Q1 2025

describe("annual plan", () => {
  it("category budget per quarter: committed 600 + 1400 = 2000 passes, 600.01 more escalates", () => {
    const policy = makePolicy({ annualPlan: { year: 2025, budgets: { cereal: { Q1: 2000 } } } });
    expect(
      outcomeOf("plan.category_budget", p, makeContext(policy, { commitments: [commit(600)] })),
    ).toBe("pass");
    expect(
      outcomeOf("plan.category_budget", p, makeContext(policy, { commitments: [commit(600.01)] })),
    ).toBe("escalate");
    expect(
      outcomeOf(
        "plan.category_budget",
        p,
        makeContext(policy, { commitments: [commit(9999, "snacks")] }),
      ),
    ).toBe("pass");
  });

  it("no budget for the quarter, or another plan year, escalates; no budgets at all passes", () => {
    expect(
      outcomeOf(
        "plan.category_budget",
        p,
        makeContext(makePolicy({ annualPlan: { budgets: { cereal: { Q2: 5000 } } } })),
      ),
    ).toBe("escalate");
    expect(
      outcomeOf(
        "plan.category_budget",
        p,
        makeContext(makePolicy({ annualPlan: { year: 2024, budgets: { "*": { Q1: 5000 } } } })),
      ),
    ).toBe("escalate");
    expect(
      outcomeOf(
        "plan.category_budget",
        p,
        makeContext(makePolicy({ annualPlan: { budgets: {} } })),
      ),
    ).toBe("pass");
  });

  it("blackout: a window starting the day after the end passes, one on the last day blocks", () => {
    const bo = (from: string, categories?: string[]) =>
      makeContext(
        makePolicy({
          annualPlan: {
            blackouts: [
              { name: "freeze", from, to: "2025-03-31", ...(categories ? { categories } : {}) },
            ],
          },
        }),
      );
    expect(outcomeOf("plan.blackout", p, bo("2025-03-17"))).toBe("pass");
    expect(outcomeOf("plan.blackout", p, bo("2025-03-16"))).toBe("block");
    expect(outcomeOf("plan.blackout", p, bo("2025-03-16", ["snacks"]))).toBe("pass");
  });
});
