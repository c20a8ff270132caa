import type { Channel } from "../../domain/channel.js";

/** Channels where the agent chooses per shopper (the rest reach everyone or no one in particular). */
export const TARGETED_CHANNELS: readonly Channel[] = ["email", "sms", "digital_ads"];

/** Cost of one contact per channel, in the market's currency (send, deliverability, creative share). */
export const DEFAULT_CONTACT_COSTS: Readonly<Record<string, number>> = {
  email: 0.02,
  sms: 0.06,
  digital_ads: 0.25,
};
