import { z } from "zod";
import type { Campaign } from "../../domain/campaign.js";
import { campaignAudienceSchema } from "../../domain/campaign.js";
import { idSchema, isoDateSchema } from "../../domain/common.js";

/** What a digital-ads or social placement receives: budget, audience and a creative brief. */
export const adsBodySchema = z.strictObject({
  kind: z.literal("ad_campaign"),
  budget: z.number().nonnegative(),
  audience: campaignAudienceSchema,
  creativeBrief: z.string().min(1),
  skus: z.array(idSchema),
  markets: z.array(idSchema),
  flight: z.strictObject({ start: isoDateSchema, end: isoDateSchema }),
});
export type AdsBody = z.infer<typeof adsBodySchema>;

/** The ads body for a campaign; media budget is split evenly over the ad channels it uses. */
export function adsBody(c: Campaign): AdsBody {
  const adChannels = c.channels.filter((ch) => ch === "digital_ads" || ch === "social").length || 1;
  const brief =
    c.creativeBrief ?? `${c.message?.headline ?? c.title ?? c.id}: ${c.message?.body ?? ""}`.trim();
  return {
    kind: "ad_campaign",
    budget: Math.round((c.budget.media / adChannels) * 100) / 100,
    // campaignSchema guarantees an audience for ad channels; the fallback keeps this total.
    audience: c.audience ?? { segment: "all", consentVerified: false },
    creativeBrief: brief,
    skus: c.skus,
    markets: c.markets,
    flight: { start: c.startDate, end: c.endDate },
  };
}
