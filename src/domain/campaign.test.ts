import { describe, expect, it } from "vitest";
import {
  campaignFromProposal,
  campaignSchema,
  canTransition,
  CampaignTransitionError,
  transitionEvent,
} from "./campaign.js";
import { promotionProposalSchema } from "./proposal.js";

const base = {
  id: "c-1",
  decisionId: "d-1",
  skus: ["SKU-1"],
  markets: ["US-EAST"],
  channels: ["store"],
  regularPrice: 3.99,
  promoPrice: 2.99,
  startDate: "2025-03-01",
  endDate: "2025-03-14",
};

describe("campaign", () => {
  it("parses a minimal campaign with defaults (version 1, autonomous)", () => {
    const c = campaignSchema.parse(base);
    expect(c).toMatchObject({ version: 1, approvedBy: [], budget: { media: 0, discount: 0 } });
  });

  it("refuses bad prices, dates, and direct or ad channels without what they need", () => {
    const issues = (over: object) =>
      campaignSchema.safeParse({ ...base, ...over }).error?.issues.map((i) => i.message) ?? [];
    expect(issues({ promoPrice: 4.5 })).toContain("promoPrice is above regularPrice");
    expect(issues({ endDate: "2025-02-01" })).toContain("endDate is before startDate");
    expect(issues({ channels: ["email"] })).toEqual([
      "email needs an audience",
      "email needs a message",
    ]);
    expect(
      issues({
        channels: ["sms"],
        audience: { segment: "loyal" },
        message: { headline: "Hi", body: "Deal" },
      }),
    ).toEqual(["sms needs a consent-verified audience"]);
    expect(issues({ channels: ["digital_ads"], audience: { segment: "loyal" } })).toEqual([
      "digital_ads needs a creativeBrief or a message",
    ]);
    expect(issues({ colour: "red" })).toHaveLength(1); // strict: a misspelt key is an error
  });

  it("builds from a proposal, with the end date derived from the weeks", () => {
    const p = promotionProposalSchema.parse({
      id: "p-9",
      scope: { skus: ["A"], category: "cereal", markets: ["US-OH"] },
      mechanic: "tpr",
      regularPrice: 4,
      discountPct: 25,
      startDate: "2025-03-01",
      weeks: 2,
      channels: ["store", "ecommerce"],
      predicted: {
        baselineUnits: 100,
        incrementalUnits: 20,
        liftPct: 20,
        incrementalMargin: 10,
        roi: 1,
        unitCost: 1,
        totalUnits: 120,
      },
    });
    const c = campaignFromProposal(p, { decisionId: "d-9", approvedBy: ["category_manager"] });
    expect(c).toMatchObject({
      id: "p-9",
      promoPrice: 3,
      endDate: "2025-03-14",
      channels: ["store", "ecommerce"],
      approvedBy: ["category_manager"],
    });
  });

  it("allows only the lifecycle's transitions, with a typed error otherwise", () => {
    expect(canTransition(null, "scheduled")).toBe(true);
    expect(canTransition("scheduled", "live")).toBe(true);
    expect(canTransition("live", "paused")).toBe(true);
    expect(canTransition("paused", "live")).toBe(true);
    expect(canTransition("paused", "ended")).toBe(true);
    expect(canTransition("scheduled", "paused")).toBe(false);
    expect(canTransition("ended", "live")).toBe(false);
    expect(canTransition("stopped", "scheduled")).toBe(false);
    const at = new Date("2025-03-01T00:00:00Z");
    expect(
      transitionEvent({ id: "c-1", version: 1 }, "live", "paused", {
        at,
        by: "ops@shop",
        reason: "stock issue",
      }),
    ).toEqual({
      campaignId: "c-1",
      version: 1,
      from: "live",
      to: "paused",
      at: "2025-03-01T00:00:00.000Z",
      by: "ops@shop",
      reason: "stock issue",
    });
    const err = (() => {
      try {
        transitionEvent({ id: "c-1", version: 1 }, "ended", "live", {
          at,
          by: "ops",
          reason: "oops",
        });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CampaignTransitionError);
    expect(err).toMatchObject({
      code: "ILLEGAL_TRANSITION",
      from: "ended",
      to: "live",
      message: "campaign c-1: ended → live is not allowed (allowed: none, it is final)",
    });
  });
});
