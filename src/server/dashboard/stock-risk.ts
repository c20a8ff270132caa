import { perceptionThresholdsSchema } from "../../agents/perception/thresholds.js";
import { readStockPositions } from "../../tools/inventory-position.js";
import type { Db } from "../../store/index.js";
import type { StockRiskResponse } from "./schemas.js";

type Risk = StockRiskResponse["risks"][number];

/**
 * SKU × market stock (stores and warehouses summed) whose weeks of cover — on hand over the
 * recent non-promoted weekly sales — is under the perception agent's stock-out line or over its
 * excess line, with the same default thresholds. Stock-outs first (least cover first), then excess
 * (most cover first); at most `limit`.
 */
export function stockRisk(db: Db, asOf: string, limit = 25): StockRiskResponse {
  const t = perceptionThresholdsSchema.parse({});
  const positions = readStockPositions(db, asOf, { level: "market", salesWeeks: t.salesWeeks });
  const risks: (Risk & { badness: number })[] = [];
  for (const p of positions) {
    if (p.weeksOfCover === null) continue;
    const base = {
      sku: p.sku,
      category: p.category,
      market: p.market,
      onHand: p.onHand,
      weeklySales: p.weeklySales,
      weeksOfCover: p.weeksOfCover,
      week: p.week,
    };
    if (p.weeksOfCover < t.stockoutCoverWeeks) {
      risks.push({
        ...base,
        risk: "stock-out",
        threshold: t.stockoutCoverWeeks,
        badness: 1e9 - p.weeksOfCover,
      });
    } else if (p.weeksOfCover > t.excessCoverWeeks) {
      risks.push({
        ...base,
        risk: "excess",
        threshold: t.excessCoverWeeks,
        badness: p.weeksOfCover / t.excessCoverWeeks,
      });
    }
  }
  risks.sort((a, b) => b.badness - a.badness || a.sku.localeCompare(b.sku));
  return {
    asOf,
    thresholds: { stockoutCoverWeeks: t.stockoutCoverWeeks, excessCoverWeeks: t.excessCoverWeeks },
    positions: positions.length,
    risks: risks.slice(0, limit).map(({ badness: _, ...r }) => r),
  };
}
