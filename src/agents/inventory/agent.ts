import type { Clock } from "../../domain/index.js";
import type { Db } from "../../store/index.js";
import { readSchedule, readStockPositions, type StockPosition } from "../../tools/index.js";
import {
  DEFAULT_INVENTORY_THRESHOLDS,
  type ExcessStockEvent,
  type InventoryThresholds,
  type InventoryView,
  type SkuSupply,
  type StoreStock,
} from "./types.js";

export interface InventoryAgentDeps {
  db: Db;
  clock: Clock;
  thresholds?: Partial<InventoryThresholds>;
  horizonWeeks?: number;
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length
    ? ((s[Math.floor((s.length - 1) / 2)] ?? 0) + (s[Math.ceil((s.length - 1) / 2)] ?? 0)) / 2
    : 0;
};

/** Creates the inventory agent: cover, excess, shortages and capacity per SKU; raises excess-stock events. */
export function createInventoryAgent(deps: InventoryAgentDeps) {
  const t = { ...DEFAULT_INVENTORY_THRESHOLDS, ...deps.thresholds };
  const horizon = deps.horizonWeeks ?? 8;
  return {
    thresholds: t,
    /** Reads stock and production for `category` in `market` and judges every SKU. */
    assess(scope: { category: string; market: string }): InventoryView {
      const asOf = deps.clock.now().toISOString().slice(0, 10);
      const local = readStockPositions(deps.db, asOf, {
        market: scope.market,
        category: scope.category,
        level: "location",
        salesWeeks: 8,
      });
      // Production serves every market: compare it with network demand, then give this market its share.
      const network = readStockPositions(deps.db, asOf, {
        category: scope.category,
        level: "market",
        salesWeeks: 8,
      });
      // One read of the category's schedule (the one perception reads too) instead of one per SKU;
      // grouping keeps each SKU's rows in their query order, so every sum adds up in the same order.
      const schedules = bySku(readSchedule(deps.db, asOf, horizon, { category: scope.category }));
      const localBySku = bySku(local);
      const networkBySku = bySku(network);
      const skus: Record<string, SkuSupply> = {};
      for (const sku of [...localBySku.keys()].sort()) {
        const rows = localBySku.get(sku)!;
        const stores = rows.filter((p) => p.locationKind === "store");
        const storeOnHand = stores.reduce((s, p) => s + p.onHand, 0);
        const storeSales = stores.reduce((s, p) => s + p.weeklySales, 0);
        const inNetwork = networkBySku.get(sku) ?? [];
        const weeklySales =
          inNetwork.find((p) => p.market === scope.market)?.weeklySales ?? storeSales;
        const networkWeekly = inNetwork.reduce((s, p) => s + p.weeklySales, 0);
        const schedule = schedules.get(sku) ?? [];
        const plannedUnits = schedule.reduce((s, w) => s + w.plannedUnits, 0);
        const capacityUnits = schedule.reduce((s, w) => s + w.capacityUnits, 0);
        const supplyRatio =
          schedule.length > 0 && networkWeekly > 0
            ? plannedUnits / (networkWeekly * horizon)
            : null;
        const storeCover = storeSales > 0 ? storeOnHand / storeSales : null;
        const onHand = rows.reduce((s, p) => s + p.onHand, 0);
        const inTransit = rows.reduce((s, p) => s + p.inTransit, 0);
        const share = networkWeekly > 0 ? weeklySales / networkWeekly : 0;
        const excessUnits =
          storeCover !== null && storeCover > t.targetCoverWeeks
            ? storeOnHand - t.targetCoverWeeks * storeSales
            : 0;
        const supply: SkuSupply = {
          sku,
          market: scope.market,
          onHand,
          inTransit,
          weeklySales: r2(weeklySales),
          storeWeeksOfCover: storeCover === null ? null : r2(storeCover),
          plannedUnits,
          capacityUnits,
          supplyRatio: supplyRatio === null ? null : r2(supplyRatio),
          excessUnits: Math.max(0, Math.round(excessUnits)),
          excessWeeks: storeCover === null ? 0 : r2(Math.max(0, storeCover - t.targetCoverWeeks)),
          availableUnits: Math.round(onHand + inTransit + plannedUnits * share),
          arrivalsWeekly: weeklyPlan(schedule, share),
          storeStock: storeStockOf(rows),
          promotable: true,
        };
        const short = shortageReason(supply, t);
        if (short) Object.assign(supply, { promotable: false, reason: short });
        skus[sku] = supply;
      }
      return { asOf, ...scope, horizonWeeks: horizon, skus, events: excessEvents(scope, skus, t) };
    },
  };
}
export type InventoryAgent = ReturnType<typeof createInventoryAgent>;

/** Rows grouped by SKU, each group in the rows' order. */
function bySku<T extends { sku: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.sku);
    if (list) list.push(r);
    else out.set(r.sku, [r]);
  }
  return out;
}

/** The stores' own stock and sales, and the warehouses' stock and transit, of one SKU. */
function storeStockOf(rows: readonly StockPosition[]): StoreStock {
  const stores = rows.filter((p) => p.locationKind === "store");
  const warehouse = rows
    .filter((p) => p.locationKind !== "store")
    .reduce((s, p) => s + p.onHand + p.inTransit, 0);
  return {
    stores: stores.map((p) => p.location ?? ""),
    onHand: stores.map((p) => p.onHand + p.inTransit),
    weeklySales: stores.map((p) => p.weeklySales),
    weeklySalesCv: stores.map((p) => p.weeklySalesCv),
    warehouse,
  };
}

/** Planned units per production date (plants summed), times the market's share. */
function weeklyPlan(
  schedule: readonly { date: string; plannedUnits: number }[],
  share: number,
): number[] {
  const byDate = new Map<string, number>();
  for (const w of schedule) byDate.set(w.date, (byDate.get(w.date) ?? 0) + w.plannedUnits);
  return [...byDate.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([, u]) => Math.round(u * share));
}

/**
 * A promotion would deepen a shortage: too little cover in the market (stores, DC and in transit),
 * or a schedule well short of demand. Store shelves alone are no measure: they are restocked from
 * the DC every week, so right before a delivery they hold under a week in most weeks, and reading
 * them marked most SKUs unpromotable in most weeks while the DC held weeks of stock.
 */
function shortageReason(s: SkuSupply, t: InventoryThresholds): string | undefined {
  const cover = s.weeklySales > 0 ? r2((s.onHand + s.inTransit) / s.weeklySales) : null;
  if (cover !== null && cover < t.shortageCoverWeeks) {
    return `shortage: ${cover} weeks of cover in stores, DC and transit < ${t.shortageCoverWeeks}; a promotion would empty shelves`;
  }
  if (s.supplyRatio !== null && s.supplyRatio < t.shortageSupplyRatio) {
    return `supply shortfall: planned production covers ${Math.round(s.supplyRatio * 100)} % of demand over the horizon (< ${Math.round(t.shortageSupplyRatio * 100)} %); capacity ${Math.round(s.capacityUnits)} units`;
  }
  return undefined;
}

/** One event when at least half of the category's SKUs carry more than the excess line of cover. */
function excessEvents(
  scope: { category: string; market: string },
  skus: Record<string, SkuSupply>,
  t: InventoryThresholds,
): ExcessStockEvent[] {
  const covers = Object.values(skus).map((s) => s.storeWeeksOfCover ?? 0);
  const over = Object.values(skus).filter((s) => (s.storeWeeksOfCover ?? 0) >= t.excessCoverWeeks);
  if (covers.length === 0 || over.length * 2 < covers.length) return [];
  const m = r2(median(covers));
  return [
    {
      kind: "excess_stock",
      ...scope,
      skus: over.map((s) => s.sku),
      medianWeeksOfCover: m,
      reason: `${over.length} of ${covers.length} ${scope.category} SKUs in ${scope.market} hold ≥ ${t.excessCoverWeeks} weeks of store cover (median ${m})`,
    },
  ];
}
