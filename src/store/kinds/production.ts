import { productionFeedRowSchema, type ProductionFeedRow } from "../../domain/index.js";
import { normaliseTime } from "../harmonise/time.js";
import type { KindSpec } from "./spec.js";

/** Production schedules: planned and capacity units per plant, SKU and local day. */
export const productionKind: KindSpec<ProductionFeedRow> = {
  kind: "production",
  rowSchema: productionFeedRowSchema,
  table: {
    table: "production",
    key: ["plant", "sku", "date"],
    columns: [
      "source",
      "source_event_id",
      "plant",
      "sku",
      "date",
      "planned_units",
      "capacity_units",
    ],
    fact: true,
  },
  harmonise(row, h, source) {
    const { sku, unitsPerCode } = h.resolveSku(source, row.sku);
    // A plant known as a location schedules in its market's zone; an outside plant in UTC unless told.
    const zone = row.timeZone ?? h.zoneOfLocation(row.plant) ?? "UTC";
    const { localDate } = normaliseTime(row.date, zone, "date");
    return {
      source,
      source_event_id: row.sourceEventId ?? null,
      plant: row.plant,
      sku,
      date: localDate,
      planned_units: h.toUnits(row.plannedUnits, sku, unitsPerCode, row.uom),
      capacity_units: h.toUnits(row.capacityUnits, sku, unitsPerCode, row.uom),
    };
  },
};
