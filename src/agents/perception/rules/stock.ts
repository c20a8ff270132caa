import type { Finding } from "../../../domain/findings.js";
import type { StockPosition } from "../../../tools/inventory-position.js";
import type { PerceptionData } from "../data.js";
import { findingId, roundFigures, severityOf } from "../severity.js";
import type { PerceptionThresholds } from "../thresholds.js";

const group = <T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
};
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/**
 * Excess stock: store positions whose weeks of cover exceed the threshold. When most of a category's
 * store positions in a market are excess, one category finding replaces the SKU ones (a category
 * markdown is one decision); otherwise one finding per SKU × market lists its locations.
 */
export function excessStock(
  d: Pick<PerceptionData, "asOf" | "positions">,
  t: PerceptionThresholds,
): Finding[] {
  const over = (p: StockPosition): boolean =>
    p.weeksOfCover !== null && p.weeksOfCover > t.excessCoverWeeks;
  const out: Finding[] = [];
  const covered = new Set<string>();
  const stores = d.positions.filter((p) => p.locationKind === "store");
  for (const [key, list] of group(stores, (p) => `${p.market}|${p.category}`)) {
    const hit = list.filter(over);
    const skus = [...new Set(hit.map((p) => p.sku))].sort();
    if (skus.length < 2 || hit.length / list.length < t.excessCategoryShare) continue;
    const [market = "", category = ""] = key.split("|");
    const cover =
      sum(hit.map((p) => p.onHand)) / Math.max(1e-9, sum(hit.map((p) => p.weeklySales)));
    const minCover = Math.min(...hit.map((p) => p.weeksOfCover ?? Infinity));
    const scope = {
      market,
      category,
      skus,
      locations: [...new Set(hit.map((p) => p.location ?? ""))].sort(),
    };
    for (const p of hit) covered.add(`${p.sku}|${p.market}`);
    out.push({
      id: findingId("excess_stock", scope),
      kind: "excess_stock",
      scope,
      asOf: d.asOf,
      severity: severityOf((minCover / t.excessCoverWeeks - 1) / 1.5),
      evidence: {
        metric: "min_weeks_of_cover",
        value: minCover,
        threshold: t.excessCoverWeeks,
        figures: roundFigures({
          categoryWeeksOfCover: cover,
          onHandUnits: sum(hit.map((p) => p.onHand)),
          weeklyUnitsSold: sum(hit.map((p) => p.weeklySales)),
          affectedPositions: hit.length,
          categoryPositions: list.length,
        }),
      },
      summary: `${category} in ${market}: ${hit.length} of ${list.length} SKU × store positions hold over ${t.excessCoverWeeks} weeks of cover (category ${cover.toFixed(1)} weeks).`,
    });
  }
  // Warehouses stock ahead of planned promotions that sales history cannot see, so only stores are judged.
  for (const [key, list] of group(stores.filter(over), (p) => `${p.sku}|${p.market}`)) {
    if (covered.has(key)) continue;
    const first = list[0]!;
    const minCover = Math.min(...list.map((p) => p.weeksOfCover ?? Infinity));
    const locations = list.map((p) => p.location ?? "").sort();
    const scope = {
      market: first.market,
      sku: first.sku,
      category: first.category,
      ...(locations.length === 1 ? { location: locations[0] } : { locations }),
    };
    out.push({
      id: findingId("excess_stock", scope),
      kind: "excess_stock",
      scope,
      asOf: d.asOf,
      severity: severityOf((minCover / t.excessCoverWeeks - 1) / 1.5),
      evidence: {
        metric: "min_weeks_of_cover",
        value: minCover,
        threshold: t.excessCoverWeeks,
        figures: roundFigures({
          onHandUnits: sum(list.map((p) => p.onHand)),
          weeklyUnitsSold: sum(list.map((p) => p.weeklySales)),
        }),
      },
      summary: `${first.sku} in ${first.market}: ${minCover.toFixed(1)}+ weeks of cover at ${locations.join(", ")}.`,
    });
  }
  return out;
}

/** Stock-out risk: market on-hand stock (stores and warehouse) covers too few weeks of next week's baseline forecast. */
export function stockoutRisk(
  d: Pick<PerceptionData, "asOf" | "positions" | "seriesByKey">,
  t: PerceptionThresholds,
): Finding[] {
  const out: Finding[] = [];
  for (const [key, list] of group(d.positions, (p) => `${p.sku}|${p.market}`)) {
    const view = d.seriesByKey.get(key);
    const next = view?.baseline?.at(view.grid.weeks.length);
    if (!view || !next || next.units < 1) continue;
    const stock = sum(list.map((p) => p.onHand));
    const cover = stock / next.units;
    if (cover >= t.stockoutCoverWeeks) continue;
    const short = list
      .filter((p) => p.locationKind === "store" && p.weeksOfCover !== null && p.weeksOfCover < 1)
      .map((p) => p.location ?? "")
      .sort();
    const scope = {
      market: view.market,
      sku: view.sku,
      category: view.category,
      ...(short.length ? { locations: short } : {}),
    };
    out.push({
      id: findingId("stockout_risk", scope),
      kind: "stockout_risk",
      scope,
      asOf: d.asOf,
      severity: severityOf(1 - cover / t.stockoutCoverWeeks + 0.2),
      evidence: {
        metric: "market_weeks_of_cover_vs_forecast",
        value: cover,
        threshold: t.stockoutCoverWeeks,
        weeks: [next.week],
        figures: roundFigures({
          onHandUnits: stock,
          inTransitUnits: sum(list.map((p) => p.inTransit)),
          forecastWeeklyUnits: next.units,
          forecastSd: next.sd,
          storesUnderOneWeek: short.length,
        }),
      },
      summary: `${view.sku} in ${view.market}: stock covers ${cover.toFixed(2)} weeks of forecast demand (${next.units.toFixed(0)} a week).`,
    });
  }
  return out;
}
