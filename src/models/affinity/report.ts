import { z } from "zod";
import { isoDateSchema } from "../../domain/common.js";
import { estimateSchema } from "../targeting/bootstrap.js";
import { affinityModelSchema } from "./model.js";
import { lambdaSelectionSchema } from "./select.js";

/** Options of an affinity evaluation (the CLI flags, validated). */
export const affinityOptionsSchema = z.object({
  /** Campaigns starting on or after this day are held back; the model learns from those that ended before it. */
  holdoutFrom: isoDateSchema.default("2017-08-01"),
  /** A campaign needs this many days of receipt history before its start to be used at all. */
  minHistoryDays: z.number().int().min(0).default(28),
  ks: z.array(z.number().int().positive()).min(1).default([10, 50, 100]),
  /** Also report precision at this share of each campaign's targeted households. */
  topShare: z.number().gt(0).lt(1).default(0.05),
  bootstrap: z.number().int().min(0).max(10_000).default(1000),
  level: z.number().gt(0).lt(1).default(0.9),
  seed: z.number().int().default(1),
  /** L2 penalty; by default chosen by leave-one-campaign-out on the training campaigns. */
  lambda: z.number().min(0).optional(),
  /** A held-back campaign with fewer redeemers than this is flagged as too thin to read on its own. */
  thinRedeemers: z.number().int().min(1).default(10),
});
export type AffinityOptions = z.input<typeof affinityOptionsSchema>;

export const RANKERS = [
  "model",
  "pastRedemptions",
  "recencyFrequency",
  "couponAffinity",
  "random",
] as const;
/** The rankings compared with the model, random aside. */
export const HEURISTICS = ["pastRedemptions", "recencyFrequency", "couponAffinity"] as const;
export type Heuristic = (typeof HEURISTICS)[number];
export type Ranker = (typeof RANKERS)[number];

const byRanker = z.object({
  model: estimateSchema,
  pastRedemptions: estimateSchema,
  recencyFrequency: estimateSchema,
  couponAffinity: estimateSchema,
  random: estimateSchema,
});

/** Precision at one cut-off, pooled over the held-back campaigns it fits in (hits / slots). */
const pooledSchema = z.object({
  k: z.string(),
  campaigns: z.number().int(),
  slots: z.number().int(),
  precision: byRanker,
  modelMinusRandom: estimateSchema,
  modelMinusRecencyFrequency: estimateSchema,
  modelMinusPastRedemptions: estimateSchema,
  modelMinusCouponAffinity: estimateSchema,
});

const campaignResultSchema = z.object({
  campaignId: z.string(),
  type: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  targeted: z.number().int(),
  redeemers: z.number().int(),
  baseRate: z.number(),
  /** Products and commodities the campaign's coupons cover. */
  couponProducts: z.number().int(),
  couponCommodities: z.number().int(),
  /** Share of targeted households with no receipt line at all before the start. */
  noHistoryShare: z.number(),
  thin: z.boolean(),
  /** The campaign runs past the end of the data, so some redemptions are not in it. */
  truncated: z.boolean(),
  /** Precision by cut-off ("10", "50", "100", "5%") for the cut-offs that fit, per ranker. */
  precision: z.record(z.string(), byRanker),
});

const campaignRefSchema = z.object({
  campaignId: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  reason: z.string(),
});

export const affinityReportSchema = z.object({
  settings: z.object({
    holdoutFrom: z.string(),
    minHistoryDays: z.number(),
    ks: z.array(z.number()),
    topShare: z.number(),
    bootstrap: z.number(),
    level: z.number(),
    seed: z.number(),
    lambda: z.number().optional(),
    thinRedeemers: z.number(),
  }),
  data: z.object({
    campaigns: z.number().int(),
    targetedPairs: z.number().int(),
    redemptions: z.number().int(),
    receiptLines: z.number().int(),
    households: z.number().int(),
    dataStart: z.string(),
    dataEnd: z.string(),
  }),
  train: z.object({
    campaigns: z.array(z.string()),
    pairs: z.number().int(),
    redeemers: z.number().int(),
    medianPriorLines: z.number(),
  }),
  heldOut: z.object({
    campaigns: z.array(z.string()),
    pairs: z.number().int(),
    redeemers: z.number().int(),
    baseRate: z.number(),
    medianPriorLines: z.number(),
    noHistoryShare: z.number(),
  }),
  excluded: z.array(campaignRefSchema),
  model: affinityModelSchema,
  /** How λ was chosen, when it was not given. */
  lambdaSelection: lambdaSelectionSchema.optional(),
  pooled: z.array(pooledSchema),
  perCampaign: z.array(campaignResultSchema),
  warnings: z.array(z.string()),
  definitions: z.record(z.string(), z.string()),
  seconds: z.number(),
});
export type AffinityReport = z.infer<typeof affinityReportSchema>;
export type PooledPrecision = z.infer<typeof pooledSchema>;
export type CampaignResult = z.infer<typeof campaignResultSchema>;

export const AFFINITY_DEFINITIONS = {
  precisionAtK:
    "precision@k = redeemers among the k targeted households ranked highest / k, within one campaign; pooled over campaigns as total hits / total slots, over the campaigns with at least k targeted households.",
  random:
    "random = the expected precision of picking k targeted households at random, i.e. the campaign's redemption rate (base rate).",
  recencyFrequency:
    "recency-frequency baseline = rank by baskets bought before the start, ties by the most recent purchase.",
  pastRedemptions:
    "past-redemptions baseline = rank by coupons redeemed before the start, ties by baskets.",
  couponAffinity:
    "coupon-affinity baseline = rank by the share of pre-start spend in the commodities the campaign's coupons cover, ties by the share in the coupon products themselves.",
  model:
    "model = L2 logistic regression on pre-start features (spend, baskets, recency, recent spend, share of spend in the campaign's coupon products / commodities / departments, coupon use, past redemptions, past campaigns), fitted on campaigns that ended before the hold-out date, its L2 penalty chosen by leave-one-campaign-out precision at the top share on those campaigns; demographics are not used.",
  intervals:
    "percentile bootstrap, resampling targeted households with replacement within each held-back campaign; the rankings are fixed (the model is not refitted), so the interval covers test-set sampling, not fitting.",
};
