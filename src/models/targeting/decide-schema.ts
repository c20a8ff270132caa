import { z } from "zod";
import { channelSchema } from "../../domain/channel.js";
import { HARD_MAX_CONTACTS_PER_WEEK } from "../../policies/schema.js";

/** Channels that need the shopper's recorded opt-in (as the built-in consent rule: ePrivacy Art. 13). */
export const CONSENT_CHANNELS = ["email", "sms"] as const;

/** One shopper as the targeting agent sees them. `attributes` describe; only `features` drive the choice. */
export const targetShopperSchema = z.object({
  shopperId: z.string().min(1),
  features: z.record(z.string(), z.number()),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  consent: z.record(z.string(), z.boolean()).default({}),
  contactsThisWeek: z.number().int().nonnegative(),
  /** Last week's contacts by channel (their sum is contactsThisWeek when both are given). */
  contactsByChannel: z.record(z.string(), z.number().int().nonnegative()).default({}),
  /** True when this offer already reached the shopper on some channel: it is not sent twice. */
  alreadyOffered: z.boolean().default(false),
  /** Actions the learned policy allows this shopper (all when omitted). */
  allowedActions: z.array(z.enum(["contact", "contact_with_discount"])).optional(),
});
export type TargetShopper = z.infer<typeof targetShopperSchema>;

/** One way to reach a shopper: a channel, with or without a discount, and its linear incremental-margin model. */
export const contactOptionSchema = z.object({
  channel: channelSchema,
  discount: z.boolean(),
  /** Incremental contribution margin before this option's costs: intercept + Σ coefficient × feature. */
  intercept: z.number(),
  coefficients: z.record(z.string(), z.number()),
  contactCost: z.number().nonnegative(),
  /** Expected cost of the discount given to this shopper (redemption × value), 0 without one. */
  discountCost: z.number().nonnegative().default(0),
});
export type ContactOption = z.infer<typeof contactOptionSchema>;

/** The whole decision problem. */
export const targetingProblemSchema = z.object({
  shoppers: z.array(targetShopperSchema),
  options: z.array(contactOptionSchema).min(1),
  /** Total contact + discount cost allowed. */
  budget: z.number().nonnegative(),
  /** Contacts per shopper per week; never above the compiled-in ceiling. */
  maxContactsPerWeek: z
    .number()
    .int()
    .min(0)
    .max(HARD_MAX_CONTACTS_PER_WEEK)
    .default(HARD_MAX_CONTACTS_PER_WEEK),
  /** Per-channel weekly caps, inside the all-channel cap. */
  maxContactsPerChannelPerWeek: z.record(z.string(), z.number().int().min(0)).default({}),
});
export type TargetingProblem = z.infer<typeof targetingProblemSchema>;
export type TargetingProblemInput = z.input<typeof targetingProblemSchema>;

export const targetingActionSchema = z.enum(["no_contact", "contact", "contact_with_discount"]);
export type TargetingAction = z.infer<typeof targetingActionSchema>;

/** Why a shopper ended up where they did. */
export const exclusionReasonSchema = z.enum([
  "chosen",
  "no_consent",
  "frequency_cap",
  "already_offered",
  "not_in_policy",
  "no_positive_margin",
  "budget",
]);

export const shopperDecisionSchema = z.object({
  shopperId: z.string(),
  action: targetingActionSchema,
  channel: channelSchema.nullable(),
  expectedIncrementalMargin: z.number(),
  cost: z.number(),
  reason: exclusionReasonSchema,
});
export type ShopperDecision = z.infer<typeof shopperDecisionSchema>;

/** A group of shoppers with one action and channel, and a sentence saying why. */
export const audienceSegmentSchema = z.object({
  action: targetingActionSchema,
  channel: channelSchema.nullable(),
  shoppers: z.number().int(),
  expectedIncrementalMargin: z.number(),
  cost: z.number(),
  reason: z.string(),
});
export type AudienceSegment = z.infer<typeof audienceSegmentSchema>;

export const targetingDecisionSchema = z.object({
  decisions: z.array(shopperDecisionSchema),
  segments: z.array(audienceSegmentSchema),
  spent: z.number(),
  expectedIncrementalMargin: z.number(),
  featuresUsed: z.array(z.string()),
});
export type TargetingDecision = z.infer<typeof targetingDecisionSchema>;
