import { z } from "zod";
import type { Assessment } from "../../assess/index.js";
import type { ShadowRecommendation, ShadowReport } from "../../shadow/index.js";

// The JSON of GET /assessment and GET /shadow, for the OpenAPI document. The figures are computed
// by src/assess and src/shadow; the checks at the end keep these schemas and their types equal.

const share = z.object({ share: z.number(), lower: z.number(), upper: z.number() });

const lossGroup = z.object({
  group: z.string(),
  events: z.number().int(),
  lost: share,
  lostBeyondDoubt: z.number().int(),
  lostAtLow: z.number(),
  lostAtHigh: z.number(),
  incrementalUnitsPct: z.number(),
  dipPct: z.number(),
  cannibalPct: z.number(),
  incrementalMargin: z.number(),
});

const pattern = z.object({
  category: z.string(),
  storeSkuWeeks: z.number().int(),
  promotedShare: z.number(),
  mechanics: z.record(z.string(), z.number()),
  depthP10: z.number(),
  depthMedian: z.number(),
  depthP90: z.number(),
  featureWithoutCut: z.number(),
  meanEventWeeks: z.number(),
});

const eventImpact = z.object({
  sku: z.string(),
  market: z.string(),
  location: z.string(),
  category: z.string(),
  subcategory: z.string(),
  mechanic: z.string(),
  depth: z.number(),
  firstWeekEnd: z.string(),
  weeks: z.number().int(),
  units: z.number(),
  baselinePerWeek: z.number(),
  incrementalUnits: z.number(),
  dipUnits: z.number(),
  cannibalUnits: z.number(),
  margin: z.number(),
  marginAtLow: z.number(),
  marginAtHigh: z.number(),
  se: z.number(),
  costAssumed: z.boolean(),
});

const maturity = z.object({
  feeds: z.array(
    z.object({
      feed: z.string(),
      rows: z.number().int(),
      first: z.string().nullable(),
      last: z.string().nullable(),
      without: z.array(z.string()),
    }),
  ),
  products: z.object({
    total: z.number().int(),
    withUnitCost: z.number().int(),
    withRegularPrice: z.number().int(),
  }),
  markets: z.array(
    z.object({
      market: z.string(),
      firstWeekEnd: z.string(),
      lastWeekEnd: z.string(),
      weeks: z.number().int(),
      gapWeeks: z.array(z.string()),
      coverage: z.array(z.object({ weekEnd: z.string(), share: z.number() })),
      meanCoverage: z.number(),
    }),
  ),
  hygiene: z.array(
    z.object({
      feed: z.string(),
      ingests: z.number().int(),
      rowsRead: z.number().int(),
      stored: z.number().int(),
      duplicates: z.number().int(),
      corrected: z.number().int(),
      quarantined: z.number().int(),
      lateRows: z.number().int(),
      unfinishedIngests: z.number().int(),
    }),
  ),
  impossible: z.array(z.string()),
});

/** GET /assessment: the store's promotion history measured, and its data maturity. */
export const assessmentResponseSchema = z.object({
  assumptions: z.object({
    minCut: z.number(),
    window: z.number().int(),
    postWeeks: z.number().int(),
    minCleanWeeks: z.number().int(),
    marginRate: z.number(),
    marginRateLow: z.number(),
    marginRateHigh: z.number(),
    worst: z.number().int(),
    costFromCatalogue: z.number().int(),
    costAssumed: z.number().int(),
  }),
  events: z.object({ assessed: z.number().int(), unassessed: z.number().int(), lost: share }),
  byCategory: z.array(lossGroup),
  byMechanic: z.array(lossGroup),
  byDepth: z.array(lossGroup),
  byCategoryAndMechanic: z.array(lossGroup),
  patterns: z.array(pattern),
  worst: z.array(eventImpact),
  maturity,
});

const planned = z.object({
  sku: z.string(),
  mechanic: z.string(),
  discountPct: z.number(),
  startDate: z.string(),
  endDate: z.string(),
  channels: z.string(),
  planner: z.string().nullable(),
});

const pair = z.object({
  decisionId: z.string(),
  category: z.string(),
  market: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  weeks: z.number(),
  system: z.object({
    skus: z.array(z.string()),
    mechanic: z.string().nullable(),
    discountPct: z.number().nullable(),
    verdict: z.string().nullable(),
    forecast: z.number(),
    sd: z.number(),
    reason: z.string(),
  }),
  planners: z.array(planned),
  agreement: z.enum(["agree", "differ"]),
  why: z.string(),
  settled: z.boolean(),
  plannersMargin: z.number().nullable(),
  plannersSe: z.number().nullable(),
  difference: z.number().nullable(),
  differenceSe: z.number().nullable(),
});

const summary = z.object({
  group: z.string(),
  pairs: z.number().int(),
  settledPairs: z.number().int(),
  settledWeeks: z.number(),
  agreement: z.number(),
  difference: z.number(),
  lower: z.number(),
  upper: z.number(),
  verdict: z.enum(["system better", "planners better", "no clear difference", "too thin"]),
  says: z.string(),
});

const recommendation = z.object({
  subject: z.string(),
  action: z.enum(["raise", "tighten", "keep"]),
  change: z.string(),
  evidence: z.object({
    settledWeeks: z.number(),
    difference: z.number(),
    lower: z.number(),
    upper: z.number(),
  }),
});

/** GET /shadow: the shadow plans beside the planners', settled, and what tune proposes. */
export const shadowResponseSchema = z.object({
  report: z.object({
    pairs: z.array(pair),
    overall: summary,
    byCategory: z.array(summary),
    byMarket: z.array(summary),
  }),
  /** Categories the policy keeps in shadow, with tune's proposal for each (nothing is applied). */
  tune: z.array(recommendation),
  minSettledWeeks: z.number().int(),
});
export type ShadowResponse = z.infer<typeof shadowResponseSchema>;

// Compile-time: the schemas describe exactly what src/assess and src/shadow return.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Same<z.infer<typeof assessmentResponseSchema>, Assessment>,
  Same<ShadowResponse["report"], ShadowReport>,
  Same<ShadowResponse["tune"][number], ShadowRecommendation>,
] = [true, true, true];
void checks;
