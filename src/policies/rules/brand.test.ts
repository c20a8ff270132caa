import { describe, expect, it } from "vitest";
import { addDays, eachDay } from "../../domain/dates.js";
import { makeContext, makePolicy, makeProposal, outcomeOf } from "../testing.js";

// The proposal runs 2025-03-03 .. 2025-03-16 (two weeks, Q1).
const p = makeProposal();
const policy = makePolicy({
  brand: {
    maxPromotedWeeksPerSkuPerQuarter: 6,
    minWeeksBetweenPromotions: 2,
    maxCategorySharePct: 40,
  },
});

describe("brand guardrails (escalate)", () => {
  it("weeks per quarter: 4 past weeks + 2 = 6 passes; a 29th past day makes 5 + 2 = 7", () => {
    const days = (n: number) => ({
      promotedDays: { "SKU-1": eachDay("2025-01-01", addDays("2025-01-01", n - 1)) },
    });
    expect(outcomeOf("brand.weeks_per_quarter", p, makeContext(policy, days(28)))).toBe("pass");
    expect(outcomeOf("brand.weeks_per_quarter", p, makeContext(policy, days(29)))).toBe("escalate");
  });

  it("min gap before: 14 free days pass, 13 escalate", () => {
    expect(
      outcomeOf(
        "brand.min_gap",
        p,
        makeContext(policy, { promotedDays: { "SKU-1": ["2025-02-16"] } }),
      ),
    ).toBe("pass");
    expect(
      outcomeOf(
        "brand.min_gap",
        p,
        makeContext(policy, { promotedDays: { "SKU-1": ["2025-02-17"] } }),
      ),
    ).toBe("escalate");
  });

  it("min gap after and overlap", () => {
    expect(
      outcomeOf(
        "brand.min_gap",
        p,
        makeContext(policy, { promotedDays: { "SKU-1": ["2025-03-31"] } }),
      ),
    ).toBe("pass");
    expect(
      outcomeOf(
        "brand.min_gap",
        p,
        makeContext(policy, { promotedDays: { "SKU-1": ["2025-03-30"] } }),
      ),
    ).toBe("escalate");
    expect(
      outcomeOf(
        "brand.min_gap",
        p,
        makeContext(policy, { promotedDays: { "SKU-1": ["2025-03-10"] } }),
      ),
    ).toBe("escalate");
  });

  it("category share: 2 of 5 = 40 % passes, 3 of 5 escalates, outside the window does not count", () => {
    const categorySkus = ["SKU-1", "SKU-2", "SKU-3", "SKU-4", "SKU-5"];
    const ctx = (promotedDays: Record<string, string[]>) =>
      makeContext(policy, { categorySkus, promotedDays });
    expect(outcomeOf("brand.category_share", p, ctx({ "SKU-2": ["2025-03-10"] }))).toBe("pass");
    expect(
      outcomeOf(
        "brand.category_share",
        p,
        ctx({ "SKU-2": ["2025-03-10"], "SKU-3": ["2025-03-10"] }),
      ),
    ).toBe("escalate");
    expect(
      outcomeOf(
        "brand.category_share",
        p,
        ctx({ "SKU-2": ["2025-03-10"], "SKU-3": ["2025-03-02"] }),
      ),
    ).toBe("pass");
    expect(outcomeOf("brand.category_share", p, makeContext(policy))).toBe("escalate"); // no products: cannot check
  });
});
