import { describe, expect, it } from "vitest";
import type { StockFact } from "../context/types.js";
import { makeContext, makePolicy, makeProposal, outcomeOf } from "../testing.js";

const stock = (sku: string, onHand: number, inTransit = 0, onOrder = 0): StockFact => ({
  sku,
  onHand,
  inTransit,
  onOrder,
  oldestSnapshot: "2025-02-20T00:00:00Z",
  locations: 1,
});
const units = (totalUnits: number, unitsBySku?: Record<string, number>) =>
  makeProposal({ predicted: { ...makeProposal().predicted, totalUnits, unitsBySku } });

describe("supply guardrail (block when short)", () => {
  const policy = makePolicy({ supply: { safetyMarginPct: 10 } });
  it("1000 units + 10 % = 1100 fits 600 on hand + 200 in transit + 300 planned; 0.01 less blocks", () => {
    const ctx = (planned: number) =>
      makeContext(policy, {
        stock: [stock("SKU-1", 600, 200, 5000)],
        plannedProduction: { "SKU-1": planned },
      });
    expect(outcomeOf("supply.inventory_cover", units(1000), ctx(300))).toBe("pass");
    expect(outcomeOf("supply.inventory_cover", units(1000), ctx(299.99))).toBe("block");
  });

  it("counts on-order stock only when the policy says so", () => {
    const ctx = makeContext(makePolicy({ supply: { safetyMarginPct: 10, countOnOrder: true } }), {
      stock: [stock("SKU-1", 600, 200, 300)],
    });
    expect(outcomeOf("supply.inventory_cover", units(1000), ctx)).toBe("pass");
  });

  it("checks SKU by SKU when the split is given", () => {
    const p = makeProposal({
      scope: { skus: ["A", "B"] },
      predicted: { ...makeProposal().predicted, totalUnits: 200, unitsBySku: { A: 100, B: 100 } },
    });
    const ctx = makeContext(policy, { stock: [stock("A", 110), stock("B", 109.99)] });
    expect(outcomeOf("supply.inventory_cover", p, ctx)).toBe("block");
    expect(
      outcomeOf(
        "supply.inventory_cover",
        p,
        makeContext(policy, { stock: [stock("A", 110), stock("B", 110)] }),
      ),
    ).toBe("pass");
  });

  it("missing data escalates, or blocks when configured", () => {
    expect(outcomeOf("supply.inventory_cover", units(10), makeContext(policy))).toBe("escalate");
    expect(
      outcomeOf(
        "supply.inventory_cover",
        units(10),
        makeContext(makePolicy({ supply: { onMissingData: "block" } })),
      ),
    ).toBe("block");
  });
});
