import { z } from "zod";

/** Where a promotion can reach shoppers. */
export const channelSchema = z.enum([
  "ecommerce",
  "store",
  "digital_ads",
  "email",
  "sms",
  "social",
]);
export type Channel = z.infer<typeof channelSchema>;
export const CHANNELS = channelSchema.options;
