import { describe, expect, it } from "vitest";
import { RankedCampaign, slotsFor } from "./precision.js";

describe("RankedCampaign.hitsAtK", () => {
  const ranked = new RankedCampaign([0.9, 0.1, 0.5, 0.5], [0, 0, 0.2, 0.8]);
  const labels = [1, 1, 0, 1];

  it("ranks by score, ties by the tie-break", () => {
    expect([...ranked.order]).toEqual([0, 3, 2, 1]);
  });

  it("counts redeemers in the top k of the full sample", () => {
    const one = [1, 1, 1, 1];
    expect([1, 2, 3, 4].map((k) => ranked.hitsAtK(one, labels, k))).toEqual([1, 2, 2, 3]);
  });

  it("counts a resampled household once per copy, and skips households not drawn", () => {
    expect(ranked.hitsAtK([0, 2, 2, 0], labels, 3)).toBe(1); // 2, 2, 1: one redeemer copy
    expect(ranked.hitsAtK([3, 0, 0, 1], labels, 2)).toBe(2);
  });
});

describe("slotsFor", () => {
  it("uses k only when the campaign has k targeted households; a share rounds up to at least one", () => {
    expect(slotsFor(10, 9, 0.05)).toBeUndefined();
    expect(slotsFor(10, 10, 0.05)).toBe(10);
    expect(slotsFor("share", 17, 0.05)).toBe(1);
    expect(slotsFor("share", 1_077, 0.05)).toBe(54);
  });
});
