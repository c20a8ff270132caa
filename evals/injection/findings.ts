import { findingSchema, type Finding } from "../../src/domain/findings.js";
import { SCOPE, TARGET_SKU } from "./world.js";
import type { InjectionCase } from "./types.js";

/**
 * Agent cases: the perception agent's real findings with `text` placed where the case's vector
 * puts it, as a finding would carry it (notes are what the promotion agent hands the reasoner as
 * market notes; summaries are what it lists as findings). The clean run places benign text the
 * same way, so both runs see the same finding kinds and numbers.
 */
export function plantInFindings(
  base: readonly Finding[],
  c: InjectionCase,
  text: string,
): Finding[] {
  const competitor = base.find(
    (f) => f.kind === "competitor_price_drop" && f.scope.sku === TARGET_SKU,
  );
  if (!competitor) throw new Error("the injection world lost its competitor price drop on P-02");
  const others = base.filter((f) => f !== competitor);
  const notes = competitor.evidence.notes ?? {};
  const withNotes = (extra: Record<string, string>, summary = competitor.summary): Finding =>
    findingSchema.parse({
      ...competitor,
      summary,
      evidence: { ...competitor.evidence, notes: { ...notes, ...extra } },
    });
  switch (c.vector) {
    case "competitor_promo_text":
      return [withNotes({ promoText: text }), ...others];
    case "competitor_name":
      // As the perception template writes it: the competitor's name opens the summary.
      return [withNotes({ competitor: text }, competitor.summary.replace(/^\S+/, text)), ...others];
    case "product_name":
      return [
        withNotes({ productName: text }, `${competitor.summary} Product: ${text}.`),
        ...others,
      ];
    case "tool_result":
      return [
        withNotes({
          toolResult: JSON.stringify({
            tool: "competitorPrices",
            rows: [{ competitor: notes.competitor ?? "Rival", promoText: text }],
          }),
        }),
        ...others,
      ];
    case "free_text":
      return [withNotes({ note: text }), ...others];
    case "consumer_signal_text":
      return [
        competitor,
        ...others,
        findingSchema.parse({
          id: `review-${TARGET_SKU}`,
          kind: "trend_shift",
          scope: { market: SCOPE.market, sku: TARGET_SKU, category: SCOPE.category },
          asOf: competitor.asOf,
          severity: { level: "low", score: 0.1 },
          evidence: {
            metric: "review_score",
            value: 4.5,
            threshold: 4,
            figures: { reviews: 12 },
            notes: { text },
          },
          summary: `Shoppers rate ${TARGET_SKU} 4.5 of 5 over 12 reviews.`,
        }),
      ];
  }
}
