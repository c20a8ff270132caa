import { z } from "zod";
import { idSchema, isoDateSchema } from "./common.js";

/** What the perception agent can notice in the fact store. */
export const findingKindSchema = z.enum([
  "excess_stock",
  "stockout_risk",
  "competitor_price_drop",
  "demand_spike",
  "demand_dip",
  "trend_shift",
  "supply_shortfall",
]);
export type FindingKind = z.infer<typeof findingKindSchema>;

export const severityLevelSchema = z.enum(["low", "medium", "high"]);
export type SeverityLevel = z.infer<typeof severityLevelSchema>;

/** How much a finding matters: a level for people and a score in [0, 1] for ranking. */
export const findingSeveritySchema = z.object({
  level: severityLevelSchema,
  score: z.number().min(0).max(1),
});
export type FindingSeverity = z.infer<typeof findingSeveritySchema>;

/** Where a finding applies. A category finding has no sku; a market-wide one has no location. */
export const findingScopeSchema = z.object({
  market: idSchema,
  sku: idSchema.optional(),
  category: z.string().optional(),
  /** A store, warehouse or plant when the finding is local to one. */
  location: idSchema.optional(),
  /** The SKUs covered when the finding aggregates several (a category). */
  skus: z.array(idSchema).optional(),
  /** The locations affected when several are. */
  locations: z.array(idSchema).optional(),
});
export type FindingScope = z.infer<typeof findingScopeSchema>;

/** A statistical test behind a finding, stated so that a reviewer can re-check it. */
export const statTestSchema = z.object({
  method: z.string(),
  statistic: z.number(),
  pValue: z.number().min(0).max(1),
  alpha: z.number().min(0).max(1),
  /** The effect the rule also requires, e.g. |log(actual / forecast)|. */
  effect: z.number(),
  minEffect: z.number(),
});
export type StatTest = z.infer<typeof statTestSchema>;

/** The numbers behind one finding; which ones are set depends on the kind. */
export const findingEvidenceSchema = z.object({
  /** The measured value and the line it crossed (weeks of cover, gap, supply ratio …). */
  metric: z.string(),
  value: z.number(),
  threshold: z.number(),
  /** The retail week(s) the finding is about. */
  weeks: z.array(isoDateSchema).optional(),
  test: statTestSchema.optional(),
  /** Other named figures: forecast, actual, on hand, competitor price, signal z-scores … */
  figures: z.record(z.string(), z.number()),
  /** Named non-numeric facts: competitor, promo text, direction. */
  notes: z.record(z.string(), z.string()).optional(),
});
export type FindingEvidence = z.infer<typeof findingEvidenceSchema>;

/** One thing the perception agent noticed, with the numbers that make it so. */
export const findingSchema = z.object({
  id: z.string(),
  kind: findingKindSchema,
  scope: findingScopeSchema,
  severity: findingSeveritySchema,
  evidence: findingEvidenceSchema,
  /** The as-of date the store was read at. */
  asOf: isoDateSchema,
  summary: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;
