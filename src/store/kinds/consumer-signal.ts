import { consumerSignalFeedRowSchema, type ConsumerSignalFeedRow } from "../../domain/index.js";
import { normaliseTime, retailWeekOf } from "../harmonise/time.js";
import { RowRejection } from "../harmonise/rejection.js";
import type { KindSpec } from "./spec.js";

/** Consumer signals for a SKU, a category, or a whole market (weather, say). */
export const consumerSignalKind: KindSpec<ConsumerSignalFeedRow> = {
  kind: "consumer_signal",
  rowSchema: consumerSignalFeedRowSchema,
  table: {
    table: "consumer_signals",
    key: ["source", "kind", "sku", "category", "market_id", "observed_at"],
    nullableKey: ["sku", "category"],
    columns: [
      "source",
      "source_event_id",
      "sku",
      "category",
      "market_id",
      "kind",
      "value",
      "text",
      "observed_at",
      "retail_week",
    ],
    observedAt: "observed_at",
    fact: true,
  },
  harmonise(row, h, source) {
    const sku = row.sku !== undefined ? h.resolveSku(source, row.sku).sku : null;
    if (row.category !== undefined && !h.hasCategory(row.category)) {
      throw new RowRejection("category", `unknown category '${row.category}'`);
    }
    const market = h.market(row.market);
    const t = normaliseTime(row.observedAt, row.timeZone ?? market.timeZone, "observed_at");
    return {
      source,
      source_event_id: row.sourceEventId ?? null,
      sku,
      category: row.category ?? null,
      market_id: market.id,
      kind: row.kind,
      value: row.value,
      text: row.text ?? null,
      observed_at: t.utc,
      retail_week: retailWeekOf(t.localDate, market.weekEndsOn),
    };
  },
};
