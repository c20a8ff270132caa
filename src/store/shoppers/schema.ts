import { z } from "zod";
import { channelSchema } from "../../domain/channel.js";
import { idSchema } from "../../domain/common.js";

const finite = () => z.number().finite();
const isoInstant = () => z.iso.datetime({ offset: true });

/** One shopper: behavioural `features` a model may use, descriptive `attributes` it may not. */
export const shopperSchema = z.strictObject({
  id: idSchema,
  market: idSchema,
  features: z.record(z.string().min(1), finite()),
  attributes: z.record(z.string().min(1), z.union([z.string(), finite(), z.boolean()])).default({}),
});
export type Shopper = z.infer<typeof shopperSchema>;
export type ShopperInput = z.input<typeof shopperSchema>;

/** An opt-in (granted) or withdrawal for one channel, effective from `asOf`. */
export const consentEventSchema = z.strictObject({
  shopperId: idSchema,
  channel: channelSchema,
  granted: z.boolean(),
  asOf: isoInstant(),
  source: z.string().min(1),
});
export type ConsentEvent = z.infer<typeof consentEventSchema>;

/** One message sent to a shopper. */
export const contactEventSchema = z.strictObject({
  shopperId: idSchema,
  channel: channelSchema,
  at: isoInstant(),
  campaignId: idSchema.optional(),
});
export type ContactEvent = z.infer<typeof contactEventSchema>;

/** Randomised arms of a contact experiment: nothing, the message, the message with a discount. */
export const EXPERIMENT_ARMS = ["control", "contact", "contact_discount"] as const;
export const experimentArmSchema = z.enum(EXPERIMENT_ARMS);
export type ExperimentArm = z.infer<typeof experimentArmSchema>;

/** One shopper's assignment in a past randomised contact experiment and what followed. */
export const experimentRowSchema = z.strictObject({
  experimentId: idSchema,
  shopperId: idSchema,
  market: idSchema,
  /** The category the message promoted; the outcome is a purchase in it within the window. */
  category: idSchema,
  /** The channel the shopper would be (or was) contacted on. */
  channel: channelSchema,
  arm: experimentArmSchema,
  assignedAt: isoInstant(),
  converted: z.boolean(),
  units: z.number().nonnegative(),
  /** Contribution margin of the purchase after any discount given (0 without one). */
  margin: finite(),
});
export type ExperimentRow = z.infer<typeof experimentRowSchema>;

/** Everything a shopper population brings to the store. */
export const shopperBatchSchema = z.strictObject({
  origin: z.string().min(1),
  shoppers: z.array(shopperSchema),
  consents: z.array(consentEventSchema).default([]),
  contacts: z.array(contactEventSchema).default([]),
  experiments: z.array(experimentRowSchema).default([]),
});
export type ShopperBatch = z.infer<typeof shopperBatchSchema>;
export type ShopperBatchInput = z.input<typeof shopperBatchSchema>;

/** A shopper as the targeting agent reads them at one moment: consent in force, contacts in the last 7 days and campaigns in the last 84. */
export interface ShopperView {
  id: string;
  market: string;
  features: Record<string, number>;
  attributes: Record<string, string | number | boolean>;
  consent: Record<string, boolean>;
  contactsThisWeek: number;
  /** The same contacts by channel, for per-channel caps. */
  contactsByChannel: Record<string, number>;
  /** Campaign ids the shopper was ever contacted for, on any channel. */
  campaignsReceived: string[];
  /**
   * Campaigns that reached the shopper in the 84 days before (a contact without a campaign id
   * counts once per day): the dose of the contact-fatigue estimate.
   */
  recentCampaigns: number;
}

/** An experiment row with its shopper's features, ready for a learner. */
export interface ExperimentObservation extends ExperimentRow {
  features: Record<string, number>;
  /** Campaigns that reached the shopper in the 84 days before the assignment (the fatigue dose). */
  recentCampaigns: number;
}
