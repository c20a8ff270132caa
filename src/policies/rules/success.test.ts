import { describe, expect, it } from "vitest";
import { makeContext, makePolicy, makeProposal, outcomeOf } from "../testing.js";

const ctx = makeContext(
  makePolicy({ success: { minLiftPct: 5, minIncrementalMargin: 100, minRoi: 0.5 } }),
);
const predicted = (patch: Record<string, number>) =>
  makeProposal({ predicted: { ...makeProposal().predicted, ...patch } });

describe("success metrics (block when missed)", () => {
  it("lift: 5 % passes, 4.99 % blocks", () => {
    expect(outcomeOf("success.min_lift", predicted({ liftPct: 5 }), ctx)).toBe("pass");
    expect(outcomeOf("success.min_lift", predicted({ liftPct: 4.99 }), ctx)).toBe("block");
  });
  it("incremental margin: 100 passes, 99.99 blocks", () => {
    expect(
      outcomeOf("success.min_incremental_margin", predicted({ incrementalMargin: 100 }), ctx),
    ).toBe("pass");
    expect(
      outcomeOf("success.min_incremental_margin", predicted({ incrementalMargin: 99.99 }), ctx),
    ).toBe("block");
  });
  it("ROI: 0.5 passes, 0.49 blocks", () => {
    expect(outcomeOf("success.min_roi", predicted({ roi: 0.5 }), ctx)).toBe("pass");
    expect(outcomeOf("success.min_roi", predicted({ roi: 0.49 }), ctx)).toBe("block");
  });
});
