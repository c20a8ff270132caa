import { z } from "zod";
import type { Db } from "../store/index.js";
import type { EventImpact } from "./impact.js";
import { measureEvents } from "./impact.js";
import { dataMaturity, type DataMaturity } from "./maturity.js";
import { readWeeklySeries } from "./series.js";
import {
  DEPTH_BANDS,
  depthBand,
  lossesBy,
  promotionPatterns,
  wilson,
  type LossGroup,
  type PromotionPattern,
  type Share,
} from "./summary.js";

/** How the assessment measures; every figure in the report depends on these. */
export const assessOptionsSchema = z
  .object({
    minCut: z.number().min(0).max(0.5).default(0.05),
    window: z.number().int().min(2).max(52).default(8),
    postWeeks: z.number().int().min(0).max(8).default(2),
    minCleanWeeks: z.number().int().min(2).max(52).default(4),
    marginRate: z.number().gt(0).lt(1).default(0.3),
    marginRateLow: z.number().gt(0).lt(1).default(0.2),
    marginRateHigh: z.number().gt(0).lt(1).default(0.4),
    worst: z.number().int().min(0).max(1000).default(10),
  })
  .refine((o) => o.marginRateLow <= o.marginRate && o.marginRate <= o.marginRateHigh, {
    message: "margin rates must satisfy low ≤ rate ≤ high",
  });
export type AssessOptions = z.input<typeof assessOptionsSchema>;

/** The assessment of a retailer's own promotion history and data. */
export interface Assessment {
  assumptions: z.output<typeof assessOptionsSchema> & {
    costFromCatalogue: number;
    costAssumed: number;
  };
  events: { assessed: number; unassessed: number; lost: Share };
  byCategory: LossGroup[];
  byMechanic: LossGroup[];
  byDepth: LossGroup[];
  byCategoryAndMechanic: LossGroup[];
  patterns: PromotionPattern[];
  worst: EventImpact[];
  maturity: DataMaturity;
}

/** Measures every past promotion in the store and how ready its data is. */
export function assessHistory(db: Db, options: AssessOptions = {}): Assessment {
  const o = assessOptionsSchema.parse(options);
  const series = readWeeklySeries(db, { minCut: o.minCut });
  const { events, unassessed } = measureEvents(series, o, {
    rate: o.marginRate,
    low: o.marginRateLow,
    high: o.marginRateHigh,
  });
  const lost = events.filter((e) => e.margin < 0).length;
  const assumed = events.filter((e) => e.costAssumed).length;
  return {
    assumptions: {
      ...o,
      costFromCatalogue: events.length - assumed,
      costAssumed: assumed,
    },
    events: {
      assessed: events.length,
      unassessed,
      lost: wilson(lost, events.length),
    },
    byCategory: lossesBy(events, (e) => e.category),
    byMechanic: lossesBy(events, (e) => e.mechanic),
    byDepth: lossesBy(events, (e) => depthBand(e.depth)).sort(
      (a, b) => DEPTH_BANDS.indexOf(a.group) - DEPTH_BANDS.indexOf(b.group),
    ),
    byCategoryAndMechanic: lossesBy(events, (e) => `${e.category} · ${e.mechanic}`),
    patterns: promotionPatterns(series, events),
    worst: [...events].sort((a, b) => a.margin - b.margin).slice(0, o.worst),
    maturity: dataMaturity(db, series),
  };
}
