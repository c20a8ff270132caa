import { describe, expect, it } from "vitest";
import { assignHoldout, holdoutFor, NO_HOLDOUT, rotatingHoldout } from "./holdout.js";

const policy = { holdoutPct: 25, minHoldout: 2 };
const stores = ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"];

describe("holdouts that fall with settled evidence", () => {
  it("keeps the policy's share while the (category, mechanic) has few settled campaigns", () => {
    for (const n of [0, 1, 2]) expect(holdoutFor(n, policy)).toEqual(policy);
  });

  it("falls toward the floor as settled campaigns grow, never below it", () => {
    const shares = [3, 4, 6, 12, 100, 10_000].map((n) => holdoutFor(n, policy).holdoutPct);
    for (let i = 1; i < shares.length; i++) expect(shares[i]!).toBeLessThanOrEqual(shares[i - 1]!);
    expect(shares[0]).toBe(25);
    expect(shares.at(-1)!).toBeGreaterThanOrEqual(10);
    expect(shares.at(-1)!).toBeLessThan(10.01);
    expect(holdoutFor(12, policy).minHoldout).toBe(1);
  });

  it("gives a well-known mechanic one control store of eight, a new one two", () => {
    const at = (n: number) =>
      assignHoldout(stores, "FR|A|2025-01-06", { ...holdoutFor(n, policy), seed: 1 });
    expect(at(0)).toHaveLength(2);
    expect(at(20)).toHaveLength(1);
  });

  it("never raises a policy share already at or under the floor", () => {
    expect(holdoutFor(50, { holdoutPct: 5, minHoldout: 1 })).toEqual({
      holdoutPct: 5,
      minHoldout: 1,
    });
  });
});

describe("holdouts on a rotating subset of a known cell's campaigns", () => {
  it("measures every campaign while the cell is learning", () => {
    for (const sinceMeasured of [0, 1, 5])
      expect(rotatingHoldout({ measured: 2, sinceMeasured }, policy)).toEqual(policy);
  });

  it("then measures one campaign in three, at the falling share", () => {
    const plan = [0, 1, 2, 3].map((since) =>
      rotatingHoldout({ measured: 6, sinceMeasured: since }, policy),
    );
    expect(plan[0]).toEqual(NO_HOLDOUT);
    expect(plan[1]).toEqual(NO_HOLDOUT);
    expect(plan[2]).toEqual(holdoutFor(6, policy));
    expect(plan[3]).toEqual(holdoutFor(6, policy));
    expect(assignHoldout(stores, "FR|A|2025-01-06", { ...NO_HOLDOUT, seed: 1 })).toEqual([]);
  });

  it("measures every campaign when the schedule asks for it", () => {
    const every = { learnCampaigns: 3, floorPct: 10, floorMinStores: 1, measureEvery: 1 };
    expect(rotatingHoldout({ measured: 9, sinceMeasured: 0 }, policy, every)).toEqual(
      holdoutFor(9, policy, every),
    );
  });
});
