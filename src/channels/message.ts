import { z } from "zod";
import type { Campaign } from "../domain/campaign.js";
import { channelSchema } from "../domain/channel.js";
import type { Channel } from "../domain/channel.js";
import { currencySchema, idSchema, isoDateSchema } from "../domain/common.js";
import { adsBody, adsBodySchema } from "./adapters/ads.js";
import { directBody, directBodySchema } from "./adapters/direct.js";
import { ecommerceBody, ecommerceBodySchema } from "./adapters/ecommerce.js";
import { storePosBody, storePosBodySchema } from "./adapters/store-pos.js";

/**
 * The message one channel receives for one campaign. Every message carries the same `offer`
 * header (what price the shopper sees for which SKUs, where and when), so consistency checks and
 * retractions can read any channel's message the same way; `body` is what that channel needs.
 */

export const offerSchema = z.strictObject({
  skus: z.array(idSchema).min(1),
  markets: z.array(idSchema).min(1),
  locations: z.array(idSchema).optional(),
  regularPrice: z.number().positive(),
  promoPrice: z.number().positive(),
  /** The lawful "was" price (see Campaign.referencePrice); absent: show none. */
  referencePrice: z.number().positive().optional(),
  currency: currencySchema.optional(),
  startDate: isoDateSchema,
  endDate: isoDateSchema,
});
export type Offer = z.infer<typeof offerSchema>;

export const deliveryOpSchema = z.enum(["launch", "retract"]);
export type DeliveryOp = z.infer<typeof deliveryOpSchema>;

export const channelBodySchema = z.discriminatedUnion("kind", [
  ecommerceBodySchema,
  storePosBodySchema,
  adsBodySchema,
  directBodySchema,
]);
export type ChannelBody = z.infer<typeof channelBodySchema>;

export const channelMessageSchema = z.strictObject({
  campaignId: idSchema,
  version: z.number().int().min(1),
  decisionId: idSchema,
  channel: channelSchema,
  op: deliveryOpSchema,
  offer: offerSchema,
  body: channelBodySchema,
});
export type ChannelMessage = z.infer<typeof channelMessageSchema>;

/** The offer header of a campaign. */
export function offerOf(c: Campaign): Offer {
  return offerSchema.parse({
    skus: c.skus,
    markets: c.markets,
    locations: c.locations,
    regularPrice: c.regularPrice,
    promoPrice: c.promoPrice,
    referencePrice: c.referencePrice,
    currency: c.currency,
    startDate: c.startDate,
    endDate: c.endDate,
  });
}

function bodyFor(c: Campaign, channel: Channel): ChannelBody {
  switch (channel) {
    case "ecommerce":
      return ecommerceBody(c);
    case "store":
      return storePosBody(c);
    case "digital_ads":
    case "social":
      return adsBody(c);
    case "email":
    case "sms":
      return directBody(c, channel);
  }
}

/** The launch message of a campaign for one of its channels. */
export function launchMessage(c: Campaign, channel: Channel): ChannelMessage {
  return {
    campaignId: c.id,
    version: c.version,
    decisionId: c.decisionId,
    channel,
    op: "launch",
    offer: offerOf(c),
    body: bodyFor(c, channel),
  };
}

/** The retraction of a launched message: the same content, so the receiver knows what to take down. */
export function retractionOf(m: ChannelMessage): ChannelMessage {
  return { ...m, op: "retract" };
}
