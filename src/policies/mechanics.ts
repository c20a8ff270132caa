import type { PromotionProposal } from "../domain/proposal.js";
import type { LivePromotion } from "./context/facts.js";
import { fmt } from "./format.js";
import { termsDepth } from "./terms.js";

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

/**
 * Coupons stack on the price a shopper already pays: a coupon proposed on a SKU with a live price
 * promotion, a price promotion proposed where a coupon is live, or coupons on coupons. The
 * combined depth is 1 − (1 − own) × (1 − deepest live price cut) × Π(1 − live coupon).
 */
function stackedDepth(
  p: PromotionProposal,
  pct: number,
  live: LivePromotion[],
): { pct: number; text: string } | null {
  const cuts = live
    .filter((l) => l.mechanic !== "coupon" && l.depthPct > 0)
    .sort((a, b) => b.depthPct - a.depthPct);
  const coupons = [
    ...new Map(
      live.filter((l) => l.mechanic === "coupon" && l.depthPct > 0).map((l) => [l.campaignId, l]),
    ).values(),
  ];
  const stacked = [...(p.mechanic === "coupon" && cuts[0] ? [cuts[0]] : []), ...coupons];
  if (!stacked.length) return null;
  const kept = stacked.reduce((k, l) => k * (1 - l.depthPct / 100), 1 - pct / 100);
  const combined = (1 - kept) * 100;
  const on = stacked
    .map((l) => `${l.mechanic} ${fmt(l.depthPct)} % of live campaign ${l.campaignId} (${l.sku})`)
    .join(" and ");
  return {
    pct: combined,
    text: `${p.mechanic} ${fmt(pct)} % stacked on ${on} = combined ${fmt(combined)} %`,
  };
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
  return {
    pct: Math.min(pct, 100),
    explain: `effective depth ${fmt(pct)} % (${parts.join("; ")})`,
  };
}
