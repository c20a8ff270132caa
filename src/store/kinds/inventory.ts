import { inventoryFeedRowSchema, type InventoryFeedRow } from "../../domain/index.js";
import { normaliseTime, retailWeekOf } from "../harmonise/time.js";
import type { KindSpec } from "./spec.js";

/** Inventory positions: units at a location at a UTC instant. */
export const inventoryKind: KindSpec<InventoryFeedRow> = {
  kind: "inventory",
  rowSchema: inventoryFeedRowSchema,
  table: {
    table: "inventory",
    key: ["sku", "location_id", "as_of"],
    columns: [
      "source",
      "source_event_id",
      "sku",
      "location_id",
      "market_id",
      "as_of",
      "retail_week",
      "on_hand",
      "on_order",
      "in_transit",
    ],
    observedAt: "as_of",
    fact: true,
  },
  harmonise(row, h, source) {
    const { sku, unitsPerCode } = h.resolveSku(source, row.sku);
    const market = h.marketOfLocation(row.location, undefined);
    const t = normaliseTime(row.asOf, row.timeZone ?? market.timeZone, "as_of");
    const units = (q: number | undefined) => h.toUnits(q ?? 0, sku, unitsPerCode, row.uom);
    return {
      source,
      source_event_id: row.sourceEventId ?? null,
      sku,
      location_id: row.location,
      market_id: market.id,
      as_of: t.utc,
      retail_week: retailWeekOf(t.localDate, market.weekEndsOn),
      on_hand: units(row.onHand),
      on_order: units(row.onOrder),
      in_transit: units(row.inTransit),
    };
  },
};
