import { describe, expect, it } from "vitest";
import { makeContext, makePolicy, makeProposal, outcomeOf } from "../testing.js";

describe("campaign types that always need approval", () => {
  it("new market: a market with promotion history passes, a fresh one escalates", () => {
    const ctx = makeContext(makePolicy(), { promotedMarkets: ["M1"] });
    expect(outcomeOf("approval.new_market", makeProposal(), ctx)).toBe("pass");
    expect(
      outcomeOf("approval.new_market", makeProposal({ scope: { markets: ["M2"] } }), ctx),
    ).toBe("escalate");
    expect(
      outcomeOf(
        "approval.new_market",
        makeProposal({ scope: { markets: ["M2"] } }),
        makeContext(makePolicy({ approvalRequired: { newMarket: false } })),
      ),
    ).toBe("pass");
  });

  it("price match against a named competitor", () => {
    const pm = makeProposal({ mechanic: "price_match", priceMatch: { competitor: "aldi" } });
    expect(outcomeOf("approval.price_match", makeProposal(), makeContext())).toBe("pass");
    expect(
      outcomeOf(
        "approval.price_match",
        pm,
        makeContext(makePolicy({ approvalRequired: { priceMatchCompetitors: ["aldi"] } })),
      ),
    ).toBe("escalate");
    expect(
      outcomeOf(
        "approval.price_match",
        pm,
        makeContext(makePolicy({ approvalRequired: { priceMatchCompetitors: ["lidl"] } })),
      ),
    ).toBe("pass");
  });

  it("depth above the approval threshold: 40 % passes, 40.01 % escalates", () => {
    const ctx = makeContext(makePolicy({ approvalRequired: { depthAbovePct: 40 } }));
    expect(outcomeOf("approval.depth", makeProposal({ discountPct: 40 }), ctx)).toBe("pass");
    expect(outcomeOf("approval.depth", makeProposal({ discountPct: 40.01 }), ctx)).toBe("escalate");
  });

  it("multi-market and national", () => {
    const ctx = makeContext(
      makePolicy({ approvalRequired: { multiMarket: true, national: true } }),
    );
    expect(outcomeOf("approval.multi_market", makeProposal(), ctx)).toBe("pass");
    expect(
      outcomeOf(
        "approval.multi_market",
        makeProposal({ scope: { markets: ["M1", "M2"], locations: undefined } }),
        ctx,
      ),
    ).toBe("escalate");
    expect(outcomeOf("approval.national", makeProposal(), ctx)).toBe("pass");
    expect(
      outcomeOf("approval.national", makeProposal({ scope: { locations: undefined } }), ctx),
    ).toBe("escalate");
  });

  it("a mechanic never used before, and listed mechanics", () => {
    const ctx = makeContext(makePolicy({ approvalRequired: { mechanics: ["bogo"] } }), {
      usedMechanics: ["tpr", "bogo"],
    });
    expect(outcomeOf("approval.new_mechanic", makeProposal(), ctx)).toBe("pass");
    expect(outcomeOf("approval.new_mechanic", makeProposal({ mechanic: "coupon" }), ctx)).toBe(
      "escalate",
    );
    expect(outcomeOf("approval.mechanic", makeProposal(), ctx)).toBe("pass");
    expect(outcomeOf("approval.mechanic", makeProposal({ mechanic: "bogo" }), ctx)).toBe(
      "escalate",
    );
  });
});
