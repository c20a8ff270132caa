import { describe, expect, it } from "vitest";
import { ruleById } from "../registry.js";
import type { Commitment } from "../context/types.js";
import { makeContext, makePolicy, makeProposal, outcomeOf } from "../testing.js";

const commit = (
  amount: number,
  startDate: string,
  endDate: string,
  category = "cereal",
): Commitment => ({
  campaignId: `c-${amount}-${startDate}`,
  category,
  markets: ["M1"],
  skus: ["OTHER"],
  mechanic: "tpr",
  startDate,
  endDate,
  amount,
});
const spend = (total: number) => makeProposal({ budget: { media: total, discount: 0 } }); // 2025-03-03 .. 03-16, 14 days

describe("autonomy boundaries (escalate beyond)", () => {
  it("spend per campaign: at the cap passes, a cent over escalates", () => {
    const ctx = makeContext(makePolicy({ autonomy: { maxSpendPerCampaign: 10_000 } }));
    expect(
      outcomeOf(
        "autonomy.spend_per_campaign",
        makeProposal({ budget: { media: 9000, discount: 1000 } }),
        ctx,
      ),
    ).toBe("pass");
    const out = ruleById("autonomy.spend_per_campaign").check(
      makeProposal({ budget: { media: 9000, discount: 1000.01 } }),
      ctx,
    );
    expect(out.outcome).toBe("escalate");
    expect(out.reason).toBe("campaign spend 10000.01 EUR > cap 10000 EUR");
  });

  it("spend per day counts committed campaigns spread over their days", () => {
    const ctx = (amount: number) =>
      makeContext(makePolicy({ autonomy: { maxSpendPerDay: 200 } }), {
        commitments: [commit(amount, "2025-03-10", "2025-03-16")],
      });
    expect(outcomeOf("autonomy.spend_per_day", spend(1400), ctx(700))).toBe("pass"); // 100 + 100 per day
    expect(outcomeOf("autonomy.spend_per_day", spend(1400), ctx(701))).toBe("escalate");
  });

  it("spend per ISO week", () => {
    const ctx = (amount: number) =>
      makeContext(makePolicy({ autonomy: { maxSpendPerWeek: 1000 } }), {
        commitments: [commit(amount, "2025-03-03", "2025-03-09")],
      });
    expect(outcomeOf("autonomy.spend_per_week", spend(1400), ctx(300))).toBe("pass"); // 700 + 300
    expect(outcomeOf("autonomy.spend_per_week", spend(1400), ctx(300.01))).toBe("escalate");
  });

  it("spend per month ignores other months", () => {
    const ctx = (amount: number, from = "2025-03-20", to = "2025-03-21") =>
      makeContext(makePolicy({ autonomy: { maxSpendPerMonth: 2000 } }), {
        commitments: [commit(amount, from, to)],
      });
    expect(outcomeOf("autonomy.spend_per_month", spend(1400), ctx(600))).toBe("pass");
    expect(outcomeOf("autonomy.spend_per_month", spend(1400), ctx(600.01))).toBe("escalate");
    expect(
      outcomeOf("autonomy.spend_per_month", spend(1400), ctx(5000, "2025-02-01", "2025-02-28")),
    ).toBe("pass");
  });

  it("spend per category per month counts only that category", () => {
    const policy = makePolicy({
      autonomy: { maxSpendPerCategoryPerMonth: { cereal: 2000, "*": 0 } },
    });
    const ctx = (amount: number, category = "cereal") =>
      makeContext(policy, { commitments: [commit(amount, "2025-03-20", "2025-03-21", category)] });
    expect(outcomeOf("autonomy.spend_per_category", spend(1400), ctx(600))).toBe("pass");
    expect(outcomeOf("autonomy.spend_per_category", spend(1400), ctx(600.01))).toBe("escalate");
    expect(outcomeOf("autonomy.spend_per_category", spend(1400), ctx(9999, "snacks"))).toBe("pass");
  });

  it("discount depth: 30 % passes, 30.01 % escalates with the numbers", () => {
    const ctx = makeContext(makePolicy({ autonomy: { maxDiscountPct: 30 } }));
    expect(outcomeOf("autonomy.discount_depth", makeProposal({ discountPct: 30 }), ctx)).toBe(
      "pass",
    );
    expect(
      ruleById("autonomy.discount_depth").check(makeProposal({ discountPct: 35 }), ctx).reason,
    ).toBe("depth 35 % > cap 30 %");
    expect(outcomeOf("autonomy.discount_depth", makeProposal({ discountPct: 30.01 }), ctx)).toBe(
      "escalate",
    );
  });

  it("margin after discount: exactly the minimum passes", () => {
    const ctx = makeContext(makePolicy({ autonomy: { minMarginAfterDiscountPct: 10 } }));
    const withCost = (unitCost: number) =>
      makeProposal({ predicted: { ...makeProposal().predicted, unitCost } }); // promo price 3.20
    expect(outcomeOf("autonomy.margin_after_discount", withCost(2.88), ctx)).toBe("pass");
    expect(outcomeOf("autonomy.margin_after_discount", withCost(2.8801), ctx)).toBe("escalate");
  });

  it("SKU and market counts", () => {
    const ctx = makeContext(
      makePolicy({ autonomy: { maxSkusPerCampaign: 2, maxMarketsPerCampaign: 2 } }),
    );
    const scope = (skus: string[], markets: string[]) =>
      makeProposal({ scope: { skus, markets, category: "cereal" } });
    expect(outcomeOf("autonomy.max_skus", scope(["a", "b"], ["M1"]), ctx)).toBe("pass");
    expect(outcomeOf("autonomy.max_skus", scope(["a", "b", "c"], ["M1"]), ctx)).toBe("escalate");
    expect(outcomeOf("autonomy.max_markets", scope(["a"], ["M1", "M2"]), ctx)).toBe("pass");
    expect(outcomeOf("autonomy.max_markets", scope(["a"], ["M1", "M2", "M3"]), ctx)).toBe(
      "escalate",
    );
  });
});
