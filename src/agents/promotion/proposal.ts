import type { PromotionProposalInput } from "../../domain/proposal.js";
import type { EvaluatedScenario } from "../../domain/scenario.js";
import type { RevisionLimits } from "./constraints.js";

const r2 = (x: number) => Math.round(x * 100) / 100;

/** Turns the chosen scenario into the proposal the policy node checks (numbers straight from the simulator). */
export function toProposal(
  chosen: EvaluatedScenario,
  id: string,
  limits: RevisionLimits = {},
): PromotionProposalInput {
  const s = chosen.scenario;
  const p = chosen.prediction;
  if (s.mechanic === "none") throw new Error("no proposal for the no-promotion scenario");
  const priceCut = s.depthPct > 0;
  // The announced "was" price is the regular price unless a verdict named the lawful (Omnibus) one.
  const referencePrice = priceCut ? r2(limits.referencePrice ?? p.regularPrice) : undefined;
  return {
    id,
    title: `${s.sku} ${s.mechanic} ${s.depthPct}% ${s.weeks}w ${s.market}`,
    scope: { skus: [s.sku], category: s.category, markets: [s.market] },
    mechanic: s.mechanic,
    regularPrice: r2(p.regularPrice),
    discountPct: s.depthPct,
    ...(referencePrice !== undefined ? { referencePrice } : {}),
    startDate: s.startDate,
    weeks: s.weeks,
    channels: s.channels,
    budget: { media: r2(p.mediaCost), discount: r2(Math.max(0, p.discountCost)) },
    predicted: {
      baselineUnits: r2(p.baselineUnits),
      incrementalUnits: r2(p.netIncrementalUnits),
      liftPct: r2(p.liftPct),
      incrementalMargin: r2(p.incrementalMargin),
      roi: r2(p.roi),
      unitCost: r2(p.unitCost),
      totalUnits: r2(p.promoUnits),
      unitsBySku: { [s.sku]: r2(p.promoUnits) },
    },
  };
}
