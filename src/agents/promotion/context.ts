import type { Clock } from "../../domain/index.js";
import { prepared, type Db } from "../../store/index.js";
import type { DemandView } from "../demand/index.js";
import type { InventoryView } from "../inventory/index.js";
import type { SkuMarketContext } from "./simulate.js";
import { storeCoverOf, type StockScreen } from "./store-cover.js";

/** Joins the demand and inventory views into the simulator's per-SKU context. */
export function marketContexts(
  demand: DemandView,
  inventory: InventoryView,
  screen: StockScreen = "market",
): Record<string, SkuMarketContext> {
  const skus = Object.values(demand.skus);
  const out: Record<string, SkuMarketContext> = {};
  for (const d of skus) {
    const siblings = skus.filter((x) => x.sku !== d.sku);
    const sibUnits = siblings.reduce((s, x) => s + (x.baselineWeekly[0] ?? 0), 0);
    const sibMargin =
      sibUnits > 0
        ? siblings.reduce(
            (s, x) => s + (x.baselineWeekly[0] ?? 0) * (x.regularPrice - x.unitCost),
            0,
          ) / sibUnits
        : 0;
    const supply = inventory.skus[d.sku];
    // Raw stock and each store's own, once per scope: `availableFor` sizes every scenario on them.
    const cover = screen === "stores" ? storeCoverOf(supply?.storeStock) : undefined;
    out[d.sku] = {
      sku: d.sku,
      market: d.market,
      regularPrice: d.regularPrice,
      unitCost: d.unitCost,
      baselineWeekly: d.baselineWeekly,
      storeShare: d.storeShare,
      stores: demand.stores,
      hasWebShop: demand.hasWebShop,
      siblingWeeklyUnits: sibUnits,
      siblingUnitMargin: sibMargin,
      stockAvailable: supply?.availableUnits ?? 0,
      ...(supply
        ? { stockOnHand: supply.onHand + supply.inTransit, arrivalsWeekly: supply.arrivalsWeekly }
        : {}),
      ...(cover ? { storeCover: cover } : {}),
      excessUnits: supply?.excessUnits ?? 0,
      excessWeeks: supply?.excessWeeks ?? 0,
    };
  }
  return out;
}

/** The first day of the market's next retail week after its latest sales week, not before tomorrow. */
export function firstStartDate(db: Db, market: string, clock: Clock): string {
  const today = clock.now().toISOString().slice(0, 10);
  const row = prepared(
    db,
    "SELECT max(retail_week) AS w FROM sales WHERE market_id = ? AND retail_week <= ?",
  ).get(market, today) as { w: string | null };
  let start = new Date(Date.parse(`${row.w ?? today}T00:00:00Z`) + 86_400_000);
  while (start.toISOString().slice(0, 10) <= today)
    start = new Date(start.getTime() + 7 * 86_400_000);
  return start.toISOString().slice(0, 10);
}
