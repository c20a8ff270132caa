import { describe, expect, it } from "vitest";
import { makeContext, makePolicy, makeProposal, outcomeOf } from "../testing.js";

describe("pilot scope (block outside)", () => {
  const ctx = makeContext(
    makePolicy({
      pilot: { categories: ["cereal"], markets: ["M1"], mechanics: ["tpr"], channels: ["store"] },
    }),
  );
  it.each([
    ["pilot.category", { scope: { category: "snacks" } }],
    ["pilot.market", { scope: { markets: ["M2"] } }],
    ["pilot.mechanic", { mechanic: "coupon" }],
    ["pilot.channel", { channels: ["store", "ecommerce"] }],
  ])("%s: inside passes, outside blocks", (id, outside) => {
    expect(outcomeOf(id, makeProposal(), ctx)).toBe("pass");
    expect(outcomeOf(id, makeProposal(outside), ctx)).toBe("block");
    expect(outcomeOf(id, makeProposal(outside), makeContext())).toBe("pass"); // no pilot lists = unrestricted
  });
});
