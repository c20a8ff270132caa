import type { PolicyRule } from "../types.js";
import { above, block, escalate, fmt, pass } from "../types.js";
import { useReferencePrice } from "../revise.js";
import { writtenWasPrices } from "./offers.js";
import { shopperTexts } from "./urgency.js";

/**
 * EU Omnibus Directive (Directive (EU) 2019/2161, adding Art. 6a to Directive 98/6/EC): an
 * announced price reduction must state as the prior price the lowest price applied in the 30 days
 * before the reduction. The lowest price is read from stored sales (price_paid) for each SKU,
 * market and price channel, over rows overlapping the 30 days before the start.
 *
 * Decision: an inflated reference is **blocked**, not corrected-and-escalated. A misleading "was"
 * price is unlawful whoever signs it off, so no approver may release it; the verdict carries the
 * lawful reference (`corrections.referencePrice`, the lowest price rounded down to the cent) so the
 * promotion agent can resubmit without a person. With no price history to verify against, the
 * rule escalates to legal. Not modelled: the Art. 6a(5) progressive-reduction exception.
 */
export const omnibusRule: PolicyRule = {
  id: "pricing_law.omnibus_reference_price",
  builtin: true,
  // The verdict states the lawful price: the next attempt announces that one.
  revise: useReferencePrice,
  summary:
    "an announced reference price is at most the lowest price of the prior 30 days (Omnibus, Art. 6a Directive 98/6/EC)",
  check: (p, { priorLowestPrices, verification }) => {
    // A "was" price written in a shopper-visible text is announced as surely as the structured one
    // (written in the proposal's own currency, so converted like its prices).
    const rate = verification ? p.regularPrice / verification.declared.regularPrice : 1;
    const written = shopperTexts(p).flatMap((t) =>
      writtenWasPrices(t.text).map((w) => ({ ...w, price: w.price * rate, where: t.where })),
    );
    const deepest = written.sort((a, b) => b.price - a.price)[0];
    const ref =
      deepest && deepest.price > (p.referencePrice ?? 0) ? deepest.price : p.referencePrice;
    if (ref === undefined) return pass("no reference price announced");
    if (!above(ref, p.promoPrice))
      return pass(`reference ${fmt(ref)} does not announce a reduction from ${fmt(p.promoPrice)}`);
    const known = priorLowestPrices
      .filter((f) => f.price !== null)
      .sort((a, b) => (a.price ?? 0) - (b.price ?? 0));
    const lowest = known[0];
    if (lowest && above(ref, lowest.price ?? 0)) {
      const lawful = Math.floor((lowest.price ?? 0) * 100 + 1e-6) / 100;
      const noCut =
        lawful <= p.promoPrice
          ? `; at promo price ${fmt(p.promoPrice)} no reduction may be announced`
          : "";
      const said =
        ref === deepest?.price ? ` (written in ${deepest.where}: "${deepest.phrase}")` : "";
      return block(
        `reference ${fmt(ref)}${said} > lowest price ${fmt(lowest.price ?? 0)} applied ${lowest.from}–${lowest.to} (SKU ${lowest.sku}, ${lowest.marketId}, ${lowest.channel}); lawful reference ${lawful.toFixed(2)}${noCut}`,
        { referencePrice: lawful },
      );
    }
    const missing = priorLowestPrices.filter((f) => f.price === null);
    if (missing.length) {
      const m = missing[0]!;
      return escalate(
        `no price history ${m.from}–${m.to} for ${missing.map((f) => `${f.sku}/${f.marketId}/${f.channel}`).join(", ")}; reference ${fmt(ref)} cannot be verified`,
        { allOf: ["legal"], anyOf: [] },
      );
    }
    return pass(`reference ${fmt(ref)} ≤ lowest 30-day price ${fmt(lowest?.price ?? 0)}`);
  },
};
