import { z } from "zod";
import { AutopromoError } from "../errors.js";
import { channelSchema } from "./channel.js";
import { currencySchema, idSchema, isoDateSchema } from "./common.js";
import { proposalEndDate } from "./proposal.js";
import type { PromotionProposal } from "./proposal.js";

/**
 * A campaign: an approved promotion on its way to (or on) the sales channels. The spec is what is
 * launched and never changes within a `version`; its status lives in an append-only event log, so
 * every change says when, by whom and why.
 */

/** Who acts when no person does: autonomous launches, automatic rollbacks. */
export const AUTOPROMO_ACTOR = "autopromo";

export const CAMPAIGN_STATUSES = ["scheduled", "live", "paused", "ended", "stopped"] as const;
export const campaignStatusSchema = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;

/** Legal moves; `ended` and `stopped` are final, and a campaign never goes back to `scheduled`. */
export const CAMPAIGN_TRANSITIONS: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  scheduled: ["live", "stopped"],
  live: ["paused", "ended", "stopped"],
  paused: ["live", "ended", "stopped"],
  ended: [],
  stopped: [],
};

/** Channels whose message goes to named shoppers, so they need a consented audience and a text. */
export const DIRECT_CHANNELS = ["email", "sms"] as const;
/** Paid or social placements: they need an audience and a creative brief or message. */
export const AD_CHANNELS = ["digital_ads", "social"] as const;

export const campaignAudienceSchema = z.strictObject({
  /** The segment id the channel resolves to people (never a list of people here). */
  segment: idSchema,
  estimatedSize: z.number().int().nonnegative().optional(),
  /** True when the segment holds only shoppers with recorded opt-in for the channel. */
  consentVerified: z.boolean().default(false),
});
export type CampaignAudience = z.infer<typeof campaignAudienceSchema>;

export const campaignMessageSchema = z.strictObject({
  headline: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(2_000),
  callToAction: z.string().trim().max(100).optional(),
});
export type CampaignMessage = z.infer<typeof campaignMessageSchema>;

const campaignObjectSchema = z.strictObject({
  id: idSchema,
  decisionId: idSchema,
  /** Bumped whenever the spec changes; idempotency keys include it, so a new version is a new launch. */
  version: z.number().int().min(1).default(1),
  title: z.string().max(500).optional(),
  skus: z
    .array(idSchema)
    .min(1)
    .refine((a) => new Set(a).size === a.length, "duplicate SKU"),
  markets: z
    .array(idSchema)
    .min(1)
    .refine((a) => new Set(a).size === a.length, "duplicate market"),
  /** Restrict store delivery to these locations; absent means every location of the markets. */
  locations: z.array(idSchema).min(1).optional(),
  channels: z
    .array(channelSchema)
    .min(1)
    .refine((a) => new Set(a).size === a.length, "duplicate channel"),
  currency: currencySchema.optional(),
  regularPrice: z.number().positive(),
  promoPrice: z.number().positive(),
  /**
   * The only "was" price a channel may show: the lowest price the store applied in the 30 days
   * before the reduction was announced (EU Omnibus), read from the store at launch, never the
   * proposal's. Absent when the store has no price in that window: then no "was" price is shown.
   */
  referencePrice: z.number().positive().optional(),
  startDate: isoDateSchema,
  /** Last day of the promotion, inclusive. */
  endDate: isoDateSchema,
  budget: z
    .strictObject({
      media: z.number().nonnegative().default(0),
      discount: z.number().nonnegative().default(0),
    })
    .prefault({}),
  audience: campaignAudienceSchema.optional(),
  message: campaignMessageSchema.optional(),
  creativeBrief: z.string().trim().min(1).max(2_000).optional(),
  /** People or roles who approved it; empty means the policy allowed it autonomously (held by the kill switch). */
  approvedBy: z.array(idSchema).default([]),
});

/** The campaign schema: checks prices, dates and what direct and ad channels need. */
const needs = (channels: string[]) =>
  `${channels.join(", ")} need${channels.length === 1 ? "s" : ""}`;

export const campaignSchema = campaignObjectSchema.superRefine((c, ctx) => {
  if (c.promoPrice > c.regularPrice)
    ctx.addIssue({
      code: "custom",
      path: ["promoPrice"],
      message: "promoPrice is above regularPrice",
    });
  if (c.endDate < c.startDate)
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "endDate is before startDate" });
  const direct = c.channels.filter((ch) => (DIRECT_CHANNELS as readonly string[]).includes(ch));
  const ads = c.channels.filter((ch) => (AD_CHANNELS as readonly string[]).includes(ch));
  if ((direct.length || ads.length) && !c.audience) {
    ctx.addIssue({
      code: "custom",
      path: ["audience"],
      message: `${needs([...direct, ...ads])} an audience`,
    });
  }
  if (direct.length && !c.message)
    ctx.addIssue({ code: "custom", path: ["message"], message: `${needs(direct)} a message` });
  // Consent is also a compiled-in policy rule; checking it here means no path to a channel skips it.
  if (direct.length && c.audience && !c.audience.consentVerified) {
    ctx.addIssue({
      code: "custom",
      path: ["audience", "consentVerified"],
      message: `${needs(direct)} a consent-verified audience`,
    });
  }
  if (ads.length && !c.creativeBrief && !c.message) {
    ctx.addIssue({
      code: "custom",
      path: ["creativeBrief"],
      message: `${needs(ads)} a creativeBrief or a message`,
    });
  }
});
export type CampaignInput = z.input<typeof campaignSchema>;
export type Campaign = z.infer<typeof campaignSchema>;

/** The spec of a campaign from an approved proposal, plus what only direct and ad channels need. */
export function campaignFromProposal(
  p: PromotionProposal,
  extra: { decisionId: string } & Partial<
    Pick<
      CampaignInput,
      | "version"
      | "audience"
      | "message"
      | "creativeBrief"
      | "approvedBy"
      | "currency"
      | "referencePrice"
    >
  >,
): Campaign {
  return campaignSchema.parse({
    id: p.id,
    title: p.title,
    skus: p.scope.skus,
    markets: p.scope.markets,
    locations: p.scope.locations,
    channels: p.channels,
    regularPrice: p.regularPrice,
    promoPrice: p.promoPrice,
    startDate: p.startDate,
    endDate: proposalEndDate(p),
    budget: p.budget,
    ...extra,
  });
}

/** One recorded status change; `from` is null when the campaign is first scheduled. */
export const campaignEventSchema = z.strictObject({
  campaignId: idSchema,
  version: z.number().int().min(1),
  from: campaignStatusSchema.nullable(),
  to: campaignStatusSchema,
  at: z.iso.datetime(),
  /** A person, a role, or `autopromo`. */
  by: idSchema,
  reason: z.string().trim().min(1).max(2_000),
});
export type CampaignEvent = z.infer<typeof campaignEventSchema>;

export type CampaignErrorCode = "ILLEGAL_TRANSITION";

/** A status change the lifecycle does not allow (say `ended → live`). */
export class CampaignTransitionError extends AutopromoError<CampaignErrorCode> {
  readonly campaignId: string;
  readonly from: CampaignStatus | null;
  readonly to: CampaignStatus;
  constructor(campaignId: string, from: CampaignStatus | null, to: CampaignStatus) {
    const allowed = from ? CAMPAIGN_TRANSITIONS[from] : ["scheduled"];
    super(
      "ILLEGAL_TRANSITION",
      `campaign ${campaignId}: ${from ?? "(new)"} → ${to} is not allowed (allowed: ${allowed.join(", ") || "none, it is final"})`,
    );
    this.name = "CampaignTransitionError";
    this.campaignId = campaignId;
    this.from = from;
    this.to = to;
  }
}

/** True when `e` is a CampaignTransitionError. */
export function isCampaignTransitionError(e: unknown): e is CampaignTransitionError {
  return e instanceof CampaignTransitionError;
}

/** True when a campaign may move from `from` (null: not yet recorded) to `to`. */
export function canTransition(from: CampaignStatus | null, to: CampaignStatus): boolean {
  return from === null ? to === "scheduled" : CAMPAIGN_TRANSITIONS[from].includes(to);
}

/** The event for a legal change; throws CampaignTransitionError otherwise. */
export function transitionEvent(
  campaign: { id: string; version: number },
  from: CampaignStatus | null,
  to: CampaignStatus,
  change: { at: Date; by: string; reason: string },
): CampaignEvent {
  if (!canTransition(from, to)) throw new CampaignTransitionError(campaign.id, from, to);
  return campaignEventSchema.parse({
    campaignId: campaign.id,
    version: campaign.version,
    from,
    to,
    at: change.at.toISOString(),
    by: change.by,
    reason: change.reason,
  });
}
