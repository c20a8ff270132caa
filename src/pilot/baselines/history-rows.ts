import type { HistoryRow } from "../../agents/promotion/index.js";
import type { MarketWorld, WeekOutcome } from "../../sim/market/index.js";

/** Cuts under this are price rounding, not a promotion (as the agent's history reader treats them). */
const MIN_CUT = 0.03;

/**
 * A category's observed weekly sales as the agent's history rows (one per store × SKU × week):
 * what the retailer's own sales feed holds, read from the observed weeks, not the truth.
 */
export function observedHistoryRows(
  world: MarketWorld,
  observed: readonly WeekOutcome[],
  category: string,
): HistoryRow[] {
  const subcategory = world.spec.categories.find((c) => c.name === category)?.subcategory ?? "";
  const rows: HistoryRow[] = [];
  for (const o of observed) {
    for (const c of o.cells) {
      if (c.category !== category) continue;
      const cut = c.regularPrice > 0 ? Math.max(0, 1 - c.price / c.regularPrice) : 0;
      const depth = cut < MIN_CUT ? 0 : cut;
      const regularPrice = c.regularPrice > 0 ? c.regularPrice : 1;
      rows.push({
        sku: c.sku,
        subcategory,
        market: c.market,
        series: c.store,
        week: o.weekEnd,
        units: c.units,
        depth,
        feature: c.feature,
        display: c.display,
        price: regularPrice * (1 - depth),
        regularPrice,
      });
    }
  }
  // The agent's reader returns each series oldest first, grouped by SKU, market and series.
  return rows.sort(
    (a, b) =>
      a.sku.localeCompare(b.sku) ||
      a.market.localeCompare(b.market) ||
      a.series.localeCompare(b.series) ||
      a.week.localeCompare(b.week),
  );
}
