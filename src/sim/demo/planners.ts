import type { PlannedPromotionFeedRow } from "../../domain/feeds.js";
import { addDays } from "../../domain/dates.js";
import type { Mechanic } from "../../domain/proposal.js";
import type { PromoWeek } from "./promotions.js";
import type { World } from "./world.js";

function mechanicOf(w: PromoWeek): Mechanic {
  const display = w.displayStores.size > 0;
  if (w.feature && display) return "feature_display";
  if (w.feature) return "feature";
  if (display && w.depth === 0) return "display";
  return "tpr";
}

/**
 * The category team's own calendar as a feed: every promotion of the demo's plan, the past ones
 * (which the sales show) and those planned beyond the history, for shadow mode to set beside the
 * system's plans. One row per run of consecutive promoted weeks of one SKU in one market.
 */
export function plannedPromotionRows(world: World): PlannedPromotionFeedRow[] {
  const rows: PlannedPromotionFeedRow[] = [];
  for (const [key, slots] of world.promos) {
    const [market, sku] = key.split("|") as [string, string];
    let w = 0;
    while (w < slots.length) {
      const first = slots[w];
      if (!first) {
        w++;
        continue;
      }
      let end = w;
      while (slots[end + 1] && mechanicOf(slots[end + 1]!) === mechanicOf(first)) end++;
      rows.push({
        sku,
        market,
        mechanic: mechanicOf(first),
        discountPct: Math.round(first.depth * 100),
        startDate: addDays(world.weekEnd(market, w), -6),
        weeks: end - w + 1,
        channels: ["store"],
        planner: `${market} category team`,
        uom: "unit",
      });
      w = end + 1;
    }
  }
  return rows;
}
