import { plannedPromotionFeedRowSchema, type PlannedPromotionFeedRow } from "../../domain/index.js";
import { addDays, isCalendarDate, isDateOnly, normaliseTime } from "../harmonise/time.js";
import { RowRejection } from "../harmonise/rejection.js";
import type { KindSpec } from "./spec.js";

/**
 * The planners' calendar: one promotion of one SKU in one market over whole weeks. A plan is about
 * the future by nature, so no row is quarantined for its date; a re-sent row for the same SKU,
 * market and first day corrects the earlier one.
 */
export const plannedPromotionKind: KindSpec<PlannedPromotionFeedRow> = {
  kind: "planned_promotion",
  rowSchema: plannedPromotionFeedRowSchema,
  table: {
    table: "planned_promotions",
    key: ["sku", "market_id", "start_date"],
    columns: [
      "source",
      "source_event_id",
      "sku",
      "market_id",
      "mechanic",
      "discount_pct",
      "start_date",
      "end_date",
      "weeks",
      "channels",
      "planner",
    ],
    fact: true,
  },
  harmonise(row, h, source) {
    const { sku } = h.resolveSku(source, row.sku);
    const market = h.market(row.market);
    const zone = row.timeZone ?? market.timeZone;
    const start = isDateOnly(row.startDate)
      ? row.startDate.trim()
      : normaliseTime(row.startDate, zone, "start_date").localDate;
    if (!isCalendarDate(start))
      throw new RowRejection("start_date", `no such calendar day '${row.startDate}'`);
    return {
      source,
      source_event_id: row.sourceEventId ?? null,
      sku,
      market_id: market.id,
      mechanic: row.mechanic,
      discount_pct: row.discountPct ?? 0,
      start_date: start,
      end_date: addDays(start, 7 * row.weeks - 1),
      weeks: row.weeks,
      channels: [...new Set(row.channels)].sort().join(","),
      planner: row.planner ?? null,
    };
  },
};
