import { z } from "zod";
import type { Campaign } from "../../domain/campaign.js";
import { campaignAudienceSchema } from "../../domain/campaign.js";
import { isoDateSchema } from "../../domain/common.js";

/** Two SMS segments: longer texts are split by carriers and cost double. */
export const SMS_MAX_CHARS = 306;

/** What e-mail and SMS senders receive: a consented audience and the text to send. */
export const directBodySchema = z.strictObject({
  kind: z.literal("direct_message"),
  audience: campaignAudienceSchema,
  subject: z.string().optional(),
  text: z.string().min(1),
  sendOn: isoDateSchema,
});
export type DirectBody = z.infer<typeof directBodySchema>;

/** The e-mail or SMS body for a campaign (SMS has no subject and is cut to two segments). */
export function directBody(c: Campaign, channel: "email" | "sms"): DirectBody {
  const headline = c.message?.headline ?? c.title ?? c.id;
  const body = [c.message?.body, c.message?.callToAction].filter(Boolean).join(" ");
  const audience = c.audience ?? { segment: "none", consentVerified: false };
  if (channel === "email")
    return {
      kind: "direct_message",
      audience,
      subject: headline,
      text: body || headline,
      sendOn: c.startDate,
    };
  const text = `${headline}: ${body}`.trim();
  return {
    kind: "direct_message",
    audience,
    text: text.length > SMS_MAX_CHARS ? `${text.slice(0, SMS_MAX_CHARS - 1)}…` : text,
    sendOn: c.startDate,
  };
}
