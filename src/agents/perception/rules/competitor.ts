import type { Finding } from "../../../domain/findings.js";
import type { PerceptionData } from "../data.js";
import { findingId, roundFigures, severityOf } from "../severity.js";
import type { PerceptionThresholds } from "../thresholds.js";

/** Competitor price drop: a competitor's latest recent price sits more than the threshold under our regular price. One finding per SKU × market, naming the cheapest competitor. */
export function competitorPriceDrop(
  d: Pick<PerceptionData, "asOf" | "competitors" | "series">,
  t: PerceptionThresholds,
): Finding[] {
  const worst = new Map<string, (typeof d.competitors)[number]>();
  for (const o of d.competitors) {
    if (o.gap === null || o.gap < t.competitorGap) continue;
    const key = `${o.sku}|${o.market}`;
    const prev = worst.get(key);
    if (!prev || (prev.gap ?? 0) < o.gap) worst.set(key, o);
  }
  const categoryOf = new Map(d.series.map((s) => [s.sku, s.category]));
  return [...worst.values()].map((o) => {
    const gap = o.gap ?? 0;
    const rivals = d.competitors.filter(
      (c) => c.sku === o.sku && c.market === o.market && (c.gap ?? 0) >= t.competitorGap,
    ).length;
    const scope = { market: o.market, sku: o.sku, category: categoryOf.get(o.sku) ?? "" };
    return {
      id: findingId("competitor_price_drop", scope),
      kind: "competitor_price_drop" as const,
      scope,
      asOf: d.asOf,
      severity: severityOf(gap / t.competitorGap - 1 + (rivals > 1 ? 0.2 : 0)),
      evidence: {
        metric: "price_gap_vs_our_regular",
        value: gap,
        threshold: t.competitorGap,
        weeks: [o.observedAt.slice(0, 10)],
        figures: roundFigures({
          competitorPrice: o.price,
          ourRegularPrice: o.ourRegularPrice ?? 0,
          competitorsUnder: rivals,
        }),
        notes: {
          competitor: o.competitor,
          competitorProduct: o.competitorProduct,
          ...(o.promoText ? { promoText: o.promoText } : {}),
        },
      },
      summary: `${o.competitor} sells ${o.sku} in ${o.market} at ${o.price}, ${(gap * 100).toFixed(0)} % under our regular ${o.ourRegularPrice}.`,
    };
  });
}
