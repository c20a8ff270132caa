import type { PlannedPromotionFeedRow } from "../domain/feeds.js";
import { addDays } from "../domain/dates.js";
import type { CampaignAccrual, MarketWorld, WorldCampaign } from "../sim/market/index.js";

/** Who planned the world's calendar, as the `planned_promotion` feed names them. */
export const CALENDAR_PLANNER = "category team (calendar)";

/** The first day (a Sunday) of world week `w`: the day after the previous week's end. */
export const weekStart = (world: MarketWorld, w: number): string => addDays(world.weekEnd(w), -6);

/** A calendar campaign's key as the planned_promotions table keys a row. */
export const plannedKey = (sku: string, market: string, startDate: string): string =>
  `${sku}\u0000${market}\u0000${startDate}`;

/**
 * The planners' calendar as the `planned_promotion` feed sends it: one row per campaign the world
 * runs, its depth as a whole-percent discount, on the store channel. Holdouts stay out: a
 * calendar promotes in every store.
 */
export function plannedPromotionRows(
  world: MarketWorld,
  campaigns: readonly WorldCampaign[],
): PlannedPromotionFeedRow[] {
  return campaigns.map((c) => ({
    sku: c.sku,
    market: c.market,
    mechanic: c.mechanic,
    discountPct: Math.round(c.depth * 100),
    startDate: weekStart(world, c.startWeek),
    weeks: c.weeks,
    channels: ["store"],
    planner: CALENDAR_PLANNER,
    uom: "unit",
  }));
}

/**
 * The world's true incremental margin of each calendar campaign (media included), by the key of
 * its planned row: what settlement estimates from the sales alone.
 */
export function trueMargins(
  world: MarketWorld,
  campaigns: readonly WorldCampaign[],
  accruals: readonly CampaignAccrual[],
): Map<string, number> {
  const byId = new Map<string, number>();
  for (const a of accruals) byId.set(a.campaignId, (byId.get(a.campaignId) ?? 0) + a.incrementalMargin);
  const out = new Map<string, number>();
  for (const c of campaigns) {
    out.set(plannedKey(c.sku, c.market, weekStart(world, c.startWeek)), byId.get(c.id) ?? 0);
  }
  return out;
}
