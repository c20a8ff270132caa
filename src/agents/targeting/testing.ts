import type { PromotionProposalInput } from "../../domain/proposal.js";

/** A two-week 20 % price cut on one frozen SKU in the UK, as the targeting tests plan it. */
export function frozenUkProposal(
  over: Partial<PromotionProposalInput> = {},
): PromotionProposalInput {
  return {
    id: "p-frozen-uk",
    scope: { skus: ["FRZ-01"], category: "frozen", markets: ["UK"] },
    mechanic: "tpr",
    regularPrice: 4,
    discountPct: 20,
    startDate: "2026-11-29",
    weeks: 2,
    channels: ["store", "email", "sms"],
    budget: { media: 0, discount: 120 },
    predicted: {
      baselineUnits: 900,
      incrementalUnits: 250,
      liftPct: 27.8,
      incrementalMargin: 180,
      roi: 1.5,
      unitCost: 1.6,
      totalUnits: 1150,
    },
    ...over,
  };
}
