import { z } from "zod";
import { campaignMessageSchema } from "./campaign.js";
import { channelSchema } from "./channel.js";

/**
 * The targeting agent's audience for one proposal: who gets the message, on which channel, with
 * or without a personal discount, and why each group ended up where it did. Per-shopper lists
 * stay out of the record; the segments and totals are what people and the policy read.
 */
export const audienceActionSchema = z.enum(["no_contact", "contact", "contact_with_discount"]);
export type AudienceAction = z.infer<typeof audienceActionSchema>;

export const audienceGroupSchema = z.object({
  action: audienceActionSchema,
  channel: channelSchema.nullable(),
  shoppers: z.number().int().nonnegative(),
  /** Expected incremental contribution margin after contact and discount cost. */
  expectedIncrementalMargin: z.number(),
  cost: z.number().nonnegative(),
  reason: z.string(),
});
export type AudienceGroup = z.infer<typeof audienceGroupSchema>;

/** The three actions the learned targeting policy chooses among (the channel is chosen after). */
export const GATE_ACTIONS = ["no_contact", "contact", "contact_with_discount"] as const;

/** The learned policy behind an audience: the tree or the best single action, why, and the decision table. */
export const audiencePolicySchema = z.object({
  uses: z.enum(["tree", "fallback"]),
  fallback: z.enum(GATE_ACTIONS),
  why: z.string(),
  /** Cross-validated gain of the tree over the best single action, per shopper, with its interval. */
  gain: z.object({ mean: z.number(), lo: z.number(), hi: z.number() }),
  segments: z.array(z.object({ conditions: z.array(z.string()), action: z.enum(GATE_ACTIONS) })),
});
export type AudiencePolicy = z.infer<typeof audiencePolicySchema>;

/** When the contact goes out and how fatigue entered the economics (docs/uplift-targeting.md). */
export const audienceTimingSchema = z.object({
  /** 1 = at launch; k = 7 (k − 1) days later. */
  contactWeek: z.number().int().positive(),
  sendDate: z.string(),
  /** Offer weeks left from the contact's week on, that week included. */
  offerWeeksLeft: z.number().int(),
  why: z.string(),
  /** Every week compared, with the audience's expected incremental margin if sent then. */
  candidates: z.array(
    z.object({
      week: z.number().int().positive(),
      sendDate: z.string(),
      responseKept: z.number(),
      contacts: z.number().int().nonnegative(),
      expectedIncrementalMargin: z.number(),
    }),
  ),
  fatigue: z.object({
    responseDropPerRecentCampaign: z.number(),
    /** Mean fatigue factor of the experiment rows the uplift was fitted on (shoppers are relative to it). */
    experimentMeanFactor: z.number(),
    /** Contacted shoppers who got a campaign in the 84 days before, and their mean response factor. */
    contactedWithRecentCampaigns: z.number().int().nonnegative(),
    meanFactorContacted: z.number(),
  }),
});
export type AudienceTiming = z.infer<typeof audienceTimingSchema>;

export const audienceSchema = z.object({
  /** The segment id a campaign names; its members are stored per shopper (null when nobody is contacted). */
  segment: z.string().nullable(),
  /** What the contacted shoppers receive; those picked for a discount get a personal code with it. */
  message: campaignMessageSchema.nullable(),
  couponPct: z.number().nonnegative(),
  markets: z.array(z.string()),
  category: z.string(),
  asOf: z.string(),
  /** Targeted channels of the proposal that were planned per shopper. */
  channels: z.array(channelSchema),
  /** Shoppers considered. */
  shoppers: z.number().int().nonnegative(),
  contacts: z.number().int().nonnegative(),
  discounts: z.number().int().nonnegative(),
  expectedIncrementalMargin: z.number(),
  expectedIncrementalUnits: z.number(),
  contactCost: z.number().nonnegative(),
  discountCost: z.number().nonnegative(),
  budget: z.number().nonnegative(),
  /** Promoted units the stock can still serve beyond the proposal's own forecast; null when unknown. */
  spareStockUnits: z.number().nullable(),
  limitedBy: z.enum(["none", "budget", "stock"]),
  segments: z.array(audienceGroupSchema),
  /** Shopper features the models used; protected ones are never among them. */
  featuresUsed: z.array(z.string()),
  /** Features present in the data that were refused (protected or vulnerability attributes). */
  featuresRefused: z.array(z.string()),
  model: z.string(),
  /** The learned policy that decided which shoppers may get which action (absent without experiments). */
  policy: audiencePolicySchema.optional(),
  /** The contact week chosen and the fatigue behind each shopper's expected response (absent without a plan). */
  timing: audienceTimingSchema.optional(),
  notes: z.array(z.string()),
});
export type Audience = z.infer<typeof audienceSchema>;
