import { z } from "zod";
import { channelSchema } from "../domain/channel.js";
import { isoDateSchema } from "../domain/common.js";
import { promotionProposalSchema } from "../domain/proposal.js";
import type { PromotionProposal } from "../domain/proposal.js";
import { ChannelError } from "./errors.js";
import { DAY_MS } from "../domain/dates.js";

/** What an edit may change on a scheduled or live campaign. Strict: an unknown key is an error. */
export const campaignChangesSchema = z
  .strictObject({
    /** New depth, percent off the regular price (give this or promoPrice). */
    discountPct: z.number().min(0).lt(100).optional(),
    promoPrice: z.number().positive().optional(),
    /** New last day; the campaign keeps its start, so it must be start + 7·weeks − 1. */
    endDate: isoDateSchema.optional(),
    weeks: z.number().int().min(1).max(52).optional(),
    channels: z.array(channelSchema).min(1).optional(),
    budget: z
      .strictObject({
        media: z.number().nonnegative().optional(),
        discount: z.number().nonnegative().optional(),
      })
      .optional(),
    title: z.string().max(500).optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), "nothing to change")
  .refine(
    (c) => c.discountPct === undefined || c.promoPrice === undefined,
    "give discountPct or promoPrice, not both",
  )
  .refine(
    (c) => c.endDate === undefined || c.weeks === undefined,
    "give endDate or weeks, not both",
  );
export type CampaignChanges = z.infer<typeof campaignChangesSchema>;

const r2 = (x: number) => Math.round(x * 100) / 100;

function weeksTo(start: string, end: string): number {
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS + 1;
  if (days <= 0 || days % 7 !== 0)
    throw new ChannelError(
      "INVALID_INPUT",
      `endDate ${end}: a campaign runs whole weeks from its start ${start}, so the end must be start + 7·weeks − 1 (e.g. ${new Date(Date.parse(`${start}T00:00:00Z`) + (Math.max(1, Math.round(days / 7)) * 7 - 1) * DAY_MS).toISOString().slice(0, 10)})`,
    );
  return days / 7;
}

/**
 * The proposal with the changes applied. The predicted numbers stay the decision's; the funded
 * discount budget follows a new depth (scaled by the per-unit discount) unless a budget is given.
 */
export function applyChanges(p: PromotionProposal, changes: CampaignChanges): PromotionProposal {
  const c = campaignChangesSchema.parse(changes);
  const next: Record<string, unknown> = { ...p, budget: { ...p.budget } };
  if (c.discountPct !== undefined || c.promoPrice !== undefined) {
    delete next.promoPrice;
    delete next.discountPct;
    if (c.discountPct !== undefined) next.discountPct = c.discountPct;
    else next.promoPrice = c.promoPrice;
    const newPrice = c.promoPrice ?? p.regularPrice * (1 - (c.discountPct ?? 0) / 100);
    const oldCut = p.regularPrice - p.promoPrice;
    if (!c.budget?.discount && oldCut > 0)
      (next.budget as { discount: number }).discount = r2(
        p.budget.discount * ((p.regularPrice - newPrice) / oldCut),
      );
  }
  if (c.endDate !== undefined) next.weeks = weeksTo(p.startDate, c.endDate);
  if (c.weeks !== undefined) next.weeks = c.weeks;
  if (c.channels) next.channels = c.channels;
  if (c.budget)
    next.budget = {
      ...p.budget,
      ...Object.fromEntries(Object.entries(c.budget).filter(([, v]) => v !== undefined)),
    };
  if (c.title !== undefined) next.title = c.title;
  const parsed = promotionProposalSchema.safeParse(next);
  if (!parsed.success) {
    throw new ChannelError(
      "INVALID_INPUT",
      `edit of campaign ${p.id}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/** The changes in words, for the lifecycle log ("discount 20 → 25 %, end 2025-03-14 → 2025-03-21"). */
export function describeChanges(before: PromotionProposal, after: PromotionProposal): string {
  const out: string[] = [];
  if (Math.abs(before.discountPct - after.discountPct) > 1e-9)
    out.push(
      `discount ${r2(before.discountPct)} → ${r2(after.discountPct)} % (price ${before.promoPrice.toFixed(2)} → ${after.promoPrice.toFixed(2)})`,
    );
  if (before.weeks !== after.weeks) out.push(`weeks ${before.weeks} → ${after.weeks}`);
  if (before.channels.join(",") !== after.channels.join(","))
    out.push(`channels ${before.channels.join("+")} → ${after.channels.join("+")}`);
  if (
    before.budget.media !== after.budget.media ||
    before.budget.discount !== after.budget.discount
  )
    out.push(
      `budget ${before.budget.media}+${before.budget.discount} → ${after.budget.media}+${after.budget.discount}`,
    );
  if ((before.title ?? "") !== (after.title ?? "")) out.push("title");
  return out.join(", ") || "no change";
}
