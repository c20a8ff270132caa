import type { PlannedPromotionFeedRow } from "../domain/feeds.js";
import { addDays } from "../domain/dates.js";
import type { Clock } from "../domain/index.js";
import type { ShadowReport } from "../shadow/index.js";
import type { CampaignAccrual, MarketWorld, WorldCampaign } from "../sim/market/index.js";
import { ingestRecords, type Db } from "../store/index.js";
import { PilotError } from "./errors.js";

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
  for (const a of accruals)
    byId.set(a.campaignId, (byId.get(a.campaignId) ?? 0) + a.incrementalMargin);
  const out = new Map<string, number>();
  for (const c of campaigns) {
    out.set(plannedKey(c.sku, c.market, weekStart(world, c.startWeek)), byId.get(c.id) ?? 0);
  }
  return out;
}

/** Ingests the calendar as the `planned_promotion` feed, as a planning system would send it. */
export async function feedCalendar(
  db: Db,
  world: MarketWorld,
  calendar: readonly WorldCampaign[],
  clock: Clock,
): Promise<void> {
  const rows = plannedPromotionRows(world, calendar);
  const lines = rows.map((values, i) => ({
    line: i + 1,
    values: values as Record<string, unknown>,
  }));
  const fed = await ingestRecords(db, [lines], {
    kind: "planned_promotion",
    source: "calendar",
    origin: "shadow-pilot:calendar",
    now: () => clock.now(),
  });
  if (fed.quarantined > 0) {
    throw new PilotError(
      "INVALID_INPUT",
      `planners' calendar: ${fed.quarantined} rows quarantined`,
    );
  }
}

/** The settled pairs' planners' margin as settlement estimated it, and as the world made it. */
export function settledTruth(
  report: ShadowReport,
  world: MarketWorld,
  calendar: readonly WorldCampaign[],
  accruals: readonly CampaignAccrual[],
): { settledPairs: number; estimated: number; actual: number } {
  const truth = trueMargins(world, calendar, accruals);
  const settled = report.pairs.filter((x) => x.settled);
  let actual = 0;
  for (const p of settled) {
    for (const pp of p.planners)
      actual += truth.get(plannedKey(pp.sku, p.market, pp.startDate)) ?? 0;
  }
  const estimated = settled.reduce((a, x) => a + x.plannersMargin!, 0);
  return { settledPairs: settled.length, estimated, actual };
}
