import { describe, expect, it } from "vitest";
import type { StockFact } from "../context/types.js";
import { makeContext, makePolicy, makeProposal, outcomeOf } from "../testing.js";

describe("no fake urgency or scarcity (built in, blocks)", () => {
  it("a countdown must end on the promotion's last day (2025-03-16)", () => {
    expect(
      outcomeOf(
        "fair_messaging.countdown",
        makeProposal({ messaging: { countdownEndDate: "2025-03-16" } }),
        makeContext(),
      ),
    ).toBe("pass");
    expect(
      outcomeOf(
        "fair_messaging.countdown",
        makeProposal({ messaging: { countdownEndDate: "2025-03-15" } }),
        makeContext(),
      ),
    ).toBe("block");
    expect(
      outcomeOf(
        "fair_messaging.countdown",
        makeProposal({ messaging: { countdownEndDate: "2025-03-17" } }),
        makeContext(),
      ),
    ).toBe("block");
  });

  const fact = (onHand: number, asOf = "2025-02-20T06:00:00Z", inTransit = 0): StockFact => ({
    sku: "SKU-1",
    onHand,
    inTransit,
    onOrder: 99,
    oldestSnapshot: asOf,
    locations: 2,
  });
  const claim = (n: number) => makeProposal({ messaging: { scarcityClaimUnits: n } });

  it('"only N left" needs on hand + in transit + planned production ≤ N', () => {
    const ctx = (onHand: number, inTransit: number, planned = 0) =>
      makeContext(
        makePolicy(),
        { stock: [fact(onHand, undefined, inTransit)], plannedProduction: { "SKU-1": planned } },
        "2025-02-20",
      );
    expect(outcomeOf("fair_messaging.scarcity", claim(5), ctx(3, 2))).toBe("pass");
    expect(outcomeOf("fair_messaging.scarcity", claim(5), ctx(3, 3))).toBe("block");
    expect(outcomeOf("fair_messaging.scarcity", claim(5), ctx(5, 0, 1))).toBe("block");
  });

  it("a stock count 7 days old may back the claim, 8 days old may not; none at all never does", () => {
    const at = (today: string) => makeContext(makePolicy(), { stock: [fact(4)] }, today);
    expect(outcomeOf("fair_messaging.scarcity", claim(5), at("2025-02-27"))).toBe("pass");
    expect(outcomeOf("fair_messaging.scarcity", claim(5), at("2025-02-28"))).toBe("block");
    expect(outcomeOf("fair_messaging.scarcity", claim(5), makeContext())).toBe("block");
  });
});
