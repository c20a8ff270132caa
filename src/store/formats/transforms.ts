import type { z } from "zod";
import { requiredKeys as schemaRequiredKeys } from "../ingest/columns.js";
import type { SourceRecord } from "../ingest/readers.js";

/** A vendor layout mapped onto one of our kinds: the vendor's required columns and the row mapping. */
interface RowTransform {
  required: readonly string[];
  map(values: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Named so a worker thread can apply them too (functions cannot cross threads; names can).
 * dunnhumby's empty PRICE is left to harmonisation, which derives it from SPEND / UNITS.
 */
const TRANSFORMS = {
  "dunnhumby-btf-sales": {
    required: [
      "weekEndDate",
      "storeNum",
      "upc",
      "units",
      "spend",
      "price",
      "basePrice",
      "feature",
      "display",
      "tprOnly",
    ],
    map: (v) => ({
      sku: v.upc,
      location: v.storeNum,
      date: v.weekEndDate,
      granularity: "week",
      units: v.units,
      revenue: v.spend,
      pricePaid: v.price,
      regularPrice: v.basePrice,
      feature: v.feature,
      display: v.display,
      tpr: v.tprOnly,
    }),
  },
} satisfies Record<string, RowTransform>;

export type TransformName = keyof typeof TRANSFORMS;

/** Required columns of a file: the vendor's when a transform applies, else the kind's. */
export function requiredKeys(schema: z.ZodType, transform?: TransformName): readonly string[] {
  return transform ? TRANSFORMS[transform].required : schemaRequiredKeys(schema);
}

/** Applies a named transform to every readable record. */
export function transformRecord(rec: SourceRecord, transform: TransformName): SourceRecord {
  return "values" in rec ? { line: rec.line, values: TRANSFORMS[transform].map(rec.values) } : rec;
}

export async function* transformBatches(
  batches: AsyncIterable<SourceRecord[]>,
  transform: TransformName,
): AsyncGenerator<SourceRecord[]> {
  for await (const b of batches) yield b.map((r) => transformRecord(r, transform));
}
