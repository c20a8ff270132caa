import { fmt } from "./format.js";

/** The parts of a proposal (or a stored campaign's proposal) its terms depth is computed from. */
export interface TermsInput {
  mechanic?: string;
  regularPrice?: number;
  terms?: { buyUnits?: number; payUnits?: number; bundlePrice?: number };
}

/**
 * The depth a mechanic's terms give, in percent of the regular price: BOGO is buy 2 pay 1 unless
 * its terms say otherwise, a multibuy "buy N pay M" is 1 − M/N, a bundle 1 − price / (N ×
 * regular). Null when the mechanic has no terms depth (or its terms are missing).
 */
export function termsDepth(p: TermsInput): { pct: number; text: string } | null {
  const t = p.terms ?? {};
  if (
    p.mechanic === "bundle" &&
    t.bundlePrice !== undefined &&
    t.buyUnits !== undefined &&
    p.regularPrice
  ) {
    const full = t.buyUnits * p.regularPrice;
    return {
      pct: Math.max(0, (1 - t.bundlePrice / full) * 100),
      text: `bundle of ${t.buyUnits} at ${fmt(t.bundlePrice)} vs ${fmt(full)}`,
    };
  }
  if (p.mechanic === "bogo" || p.mechanic === "multibuy") {
    const buy = t.buyUnits ?? (p.mechanic === "bogo" ? 2 : undefined);
    const pay = t.payUnits ?? (p.mechanic === "bogo" && buy !== undefined ? buy - 1 : undefined);
    if (buy === undefined || pay === undefined || buy <= 0) return null;
    return { pct: (1 - pay / buy) * 100, text: `${p.mechanic} buy ${buy} pay ${fmt(pay)}` };
  }
  return null;
}
