import { z } from "zod";

/**
 * What the dashboard's read-only routes answer. The page renders the same objects, so a figure
 * on screen is the figure the API gives.
 */

const money = z.number();
const nullableNumber = z.number().nullable();

/** The chosen action of a decision, in fields and in words. */
export const chosenActionSchema = z.object({
  skus: z.array(z.string()),
  mechanic: z.string(),
  depthPct: z.number(),
  weeks: z.number().int(),
  startDate: z.string(),
  channels: z.array(z.string()),
  words: z.string(),
});
export type ChosenAction = z.infer<typeof chosenActionSchema>;

/** Expected incremental margin with its 80 % interval, in the market's currency. */
export const expectedMarginSchema = z.object({
  incrementalMargin: money,
  low: money,
  high: money,
  currency: z.string().nullable(),
});

export const decisionSummarySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  category: z.string().nullable(),
  market: z.string().nullable(),
  trigger: z.string(),
  status: z.string(),
  verdict: z.enum(["allow", "escalate", "block"]).nullable(),
  action: chosenActionSchema.nullable(),
  expected: expectedMarginSchema.nullable(),
  /** Roles whose vote is still missing (empty when nobody must approve). */
  mustApprove: z.array(z.string()),
  approvalRequestId: z.string().nullable(),
  deadlineAt: z.string().nullable(),
  campaignId: z.string().nullable(),
  /** The outcome's reason, one line. */
  why: z.string(),
});
export type DecisionSummary = z.infer<typeof decisionSummarySchema>;

/** Committed spend of one market in one period, in its own currency and in the policy's. */
export const marketSpendSchema = z.object({
  market: z.string(),
  currency: z.string(),
  committed: money,
  /** Converted at the FX rate of the period's first day; null when no rate is stored. */
  inPolicyCurrency: nullableNumber,
});

export const periodSpendSchema = z.object({
  kind: z.enum(["week", "month", "quarter"]),
  key: z.string(),
  from: z.string(),
  to: z.string(),
  /** The policy's cap or budget for the period (policy currency); null when none. */
  cap: nullableNumber,
  capSource: z.string(),
  markets: z.array(marketSpendSchema),
  /** Sum in the policy currency; null when a market's amount could not be converted. */
  total: nullableNumber,
  /** total / cap; null without either. */
  share: nullableNumber,
});
export type PeriodSpend = z.infer<typeof periodSpendSchema>;

export const spendResponseSchema = z.object({
  asOf: z.string(),
  currency: z.string(),
  periods: z.array(periodSpendSchema),
  /** Markets whose amounts are not in the policy currency and had no FX rate. */
  unconverted: z.array(z.string()),
});
export type SpendResponse = z.infer<typeof spendResponseSchema>;

export const accuracyPointSchema = z.object({
  /** Calendar month the campaigns settled in (YYYY-MM). */
  month: z.string(),
  settled: z.number().int(),
  forecastMargin: money,
  settledMargin: money,
  /** Campaigns whose forecast carried an 80 % interval. */
  withInterval: z.number().int(),
  /** Share of those whose settled margin fell inside it. */
  coverage: nullableNumber,
});

export const accuracyTimelineSchema = z.object({
  months: z.array(accuracyPointSchema),
  total: accuracyPointSchema.omit({ month: true }),
});
export type AccuracyTimeline = z.infer<typeof accuracyTimelineSchema>;

export const stockRiskRowSchema = z.object({
  sku: z.string(),
  category: z.string(),
  market: z.string(),
  risk: z.enum(["stock-out", "excess"]),
  onHand: z.number(),
  weeklySales: z.number(),
  weeksOfCover: z.number(),
  threshold: z.number(),
  week: z.string(),
});

export const stockRiskResponseSchema = z.object({
  asOf: z.string(),
  thresholds: z.object({ stockoutCoverWeeks: z.number(), excessCoverWeeks: z.number() }),
  positions: z.number().int(),
  risks: z.array(stockRiskRowSchema),
});
export type StockRiskResponse = z.infer<typeof stockRiskResponseSchema>;

export const overviewSchema = z.object({
  asOf: z.string(),
  today: z.string(),
  decisions: z.array(decisionSummarySchema),
  /** Today's decisions by status. */
  counts: z.record(z.string(), z.number().int()),
  /** True when nothing was decided today and `decisions` are the latest ones instead. */
  fallback: z.boolean(),
  spend: spendResponseSchema,
  accuracy: accuracyTimelineSchema,
  stockRisk: stockRiskResponseSchema,
});
export type Overview = z.infer<typeof overviewSchema>;
