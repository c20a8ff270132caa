import type { PromotionProposal } from "../domain/proposal.js";
import type { LivePromotion } from "./context/facts.js";
import { fmt } from "./format.js";

/**
 * The discount a shopper really gets, computed from the mechanic's terms rather than declared:
 * BOGO is buy 2 pay 1 (50 %) unless its terms say otherwise, a multibuy "buy N pay M" is
 * 1 − M/N, a bundle is 1 − price / (N × regular), and a coupon on a SKU already on a live
 * promotion stacks: 1 − (1 − coupon)(1 − live). The deepest reading is the depth every cap uses.
 */
export interface EffectiveDepth {
  pct: number;
  explain: string;
}

function termsDepth(p: PromotionProposal): { pct: number; text: string } | null {
  const t = p.terms ?? {};
  if (p.mechanic === "bundle" && t.bundlePrice !== undefined && t.buyUnits !== undefined) {
    const full = t.buyUnits * p.regularPrice;
    return { pct: Math.max(0, (1 - t.bundlePrice / full) * 100), text: `bundle of ${t.buyUnits} at ${fmt(t.bundlePrice)} vs ${fmt(full)}` };
  }
  if (p.mechanic === "bogo" || p.mechanic === "multibuy") {
    const buy = t.buyUnits ?? (p.mechanic === "bogo" ? 2 : undefined);
    const pay = t.payUnits ?? (p.mechanic === "bogo" && buy !== undefined ? buy - 1 : undefined);
    if (buy === undefined || pay === undefined) return null;
    return { pct: (1 - pay / buy) * 100, text: `${p.mechanic} buy ${buy} pay ${fmt(pay)}` };
  }
  return null;
}

/** The stacked depth of a coupon on the deepest live promotion of the same SKUs. */
function stackedDepth(p: PromotionProposal, pct: number, live: LivePromotion[]): { pct: number; text: string } | null {
  if (p.mechanic !== "coupon") return null;
  const deepest = [...live].sort((a, b) => b.depthPct - a.depthPct)[0];
  if (!deepest || deepest.depthPct <= 0) return null;
  const combined = (1 - (1 - pct / 100) * (1 - deepest.depthPct / 100)) * 100;
  return { pct: combined, text: `coupon ${fmt(pct)} % stacked on ${deepest.mechanic} ${fmt(deepest.depthPct)} % of live campaign ${deepest.campaignId} (${deepest.sku}) = combined ${fmt(combined)} %` };
}

/** The effective depth of `p` (in percent of its regular price), with how it was reached. */
export function effectiveDepth(p: PromotionProposal, live: LivePromotion[]): EffectiveDepth {
  let pct = p.discountPct;
  const parts = [`declared ${fmt(p.discountPct)} %`];
  const terms = termsDepth(p);
  if (terms) {
    parts.push(`${terms.text} = ${fmt(terms.pct)} %`);
    pct = Math.max(pct, terms.pct);
  }
  const stacked = stackedDepth(p, pct, live);
  if (stacked) {
    parts.push(stacked.text);
    pct = stacked.pct;
  }
  return { pct: Math.min(pct, 100), explain: `effective depth ${fmt(pct)} % (${parts.join("; ")})` };
}
