import { prepared, type Db } from "../store/index.js";

/**
 * The media rate card as store facts: market-level consumer-signal rows (source `media`) a
 * retailer files from its own ad plan. Values are in the market's currency.
 */
export const MEDIA_RATE_KINDS = {
  /** What one featured SKU-week in the weekly ad costs. */
  featureCost: "media_feature_cost",
  /** Feature slots the weekly ad has per market-week (absent: no limit). */
  adSlots: "media_ad_slots",
} as const;

/** A market's rate card as of a date: each fact absent when the store holds none. */
export interface MediaRates {
  featureCostPerWeek?: number;
  adSlotsPerWeek?: number;
}

/** The latest rate card facts of `market` observed on or before the retail week `asOf`. */
export function readMediaRates(db: Db, market: string, asOf: string): MediaRates {
  const rows = prepared(
    db,
    `SELECT kind, value FROM consumer_signals c
      WHERE market_id = @market AND kind IN (@cost, @slots) AND sku IS NULL AND retail_week <= @asOf
        AND retail_week = (SELECT max(retail_week) FROM consumer_signals d
          WHERE d.market_id = c.market_id AND d.kind = c.kind AND d.sku IS NULL AND d.retail_week <= @asOf)`,
  ).all({ market, asOf, cost: MEDIA_RATE_KINDS.featureCost, slots: MEDIA_RATE_KINDS.adSlots }) as {
    kind: string;
    value: number;
  }[];
  const out: MediaRates = {};
  for (const r of rows) {
    if (r.kind === MEDIA_RATE_KINDS.featureCost && r.value >= 0) out.featureCostPerWeek = r.value;
    if (r.kind === MEDIA_RATE_KINDS.adSlots && r.value >= 0) out.adSlotsPerWeek = r.value;
  }
  return out;
}
