import { describe, expect, it } from "vitest";
import type { PriceFact } from "../context/types.js";
import { makeContext, makePolicy, makeProposal, outcomeOf } from "../testing.js";

describe("channel rules", () => {
  it("allowed channels per market, with * for the rest (block outside)", () => {
    const ctx = makeContext(
      makePolicy({ channels: { allowed: { M1: ["store"], "*": ["store", "email"] } } }),
    );
    expect(outcomeOf("channel.allowed", makeProposal(), ctx)).toBe("pass");
    expect(
      outcomeOf("channel.allowed", makeProposal({ channels: ["store", "ecommerce"] }), ctx),
    ).toBe("block");
    expect(
      outcomeOf(
        "channel.allowed",
        makeProposal({ scope: { markets: ["M2"] }, channels: ["email"] }),
        ctx,
      ),
    ).toBe("pass");
  });

  it("price parity: 3.20 in store vs 3.99 online (19.8 %) passes at 20 %, vs 4.01 (20.2 %) escalates", () => {
    const ctx = (price: number) => {
      const fact: PriceFact = {
        sku: "SKU-1",
        marketId: "M1",
        channel: "ecommerce",
        price,
        from: "2024-12-03",
        to: "2025-03-02",
      };
      return makeContext(makePolicy({ channels: { priceTolerancePct: 20 } }), {
        currentPrices: [fact],
      });
    };
    expect(outcomeOf("channel.price_parity", makeProposal(), ctx(3.99))).toBe("pass");
    expect(outcomeOf("channel.price_parity", makeProposal(), ctx(4.01))).toBe("escalate");
    expect(outcomeOf("channel.price_parity", makeProposal(), makeContext())).toBe("pass");
  });
});
