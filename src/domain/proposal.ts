import { z } from "zod";
import { channelSchema } from "./channel.js";
import type { Channel } from "./channel.js";
import { currencySchema, idSchema, isoDateSchema } from "./common.js";
import { addDays } from "./dates.js";

/**
 * A promotion proposal: what the promotion agent wants to run, with the predicted numbers that
 * justify it. This is the object the policy node checks. Objects are strict: an unknown key is an
 * error, so a misspelt field (say `refPrice`) can never silently skip the rule that reads it.
 * Money is per unit in the market's currency; spend limits in the policy use the same currency.
 */

/** How the promotion changes what the shopper pays or sees. */
export const MECHANICS = [
  "tpr",
  "feature",
  "display",
  "feature_display",
  "bogo",
  "multibuy",
  "coupon",
  "price_match",
  "bundle",
] as const;
export const mechanicSchema = z.enum(MECHANICS);
export type Mechanic = z.infer<typeof mechanicSchema>;

/** Channels where the promoted price is actually charged (the others only carry the message). */
export const PRICE_CHANNELS: readonly Channel[] = ["store", "ecommerce"];

const positive = () => z.number().positive();
const nonNegative = () => z.number().nonnegative();

export const proposalScopeSchema = z.strictObject({
  /** Canonical SKUs promoted; the prices below apply to each of them (one price line). */
  skus: z
    .array(idSchema)
    .min(1)
    .refine((a) => new Set(a).size === a.length, "duplicate SKU"),
  category: idSchema,
  markets: z
    .array(idSchema)
    .min(1)
    .refine((a) => new Set(a).size === a.length, "duplicate market"),
  /** Restrict to these locations; absent means every location of the markets (market-wide / national). */
  locations: z.array(idSchema).min(1).optional(),
});

export const proposalBudgetSchema = z.strictObject({
  /** Media and placement cost (feature ads, display fees, digital ads). */
  media: nonNegative().default(0),
  /** Funded discount cost the retailer expects to bear (markdown on predicted units). */
  discount: nonNegative().default(0),
});

/** Keys an object parser may treat as the prototype rather than data: never a SKU. */
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Units per SKU, read from the object's own entries: a zod record silently drops a `__proto__`
 * key, so the entries are checked first and a reserved key is an error, not a vanished line.
 */
const unitsBySkuSchema = z
  .preprocess(
    (v) => (v !== null && typeof v === "object" && !Array.isArray(v) ? Object.entries(v) : v),
    z.array(z.tuple([idSchema, nonNegative()])),
  )
  .superRefine((entries, ctx) => {
    for (const [k] of entries)
      if (RESERVED_KEYS.has(k.trim()))
        ctx.addIssue({ code: "custom", message: `"${k}" is not a SKU` });
  })
  .transform(
    (entries) =>
      Object.fromEntries(entries.filter(([k]) => !RESERVED_KEYS.has(k.trim()))) as Record<
        string,
        number
      >,
  );

/** Terms of a multi-unit mechanic; the effective depth is computed from them, never declared. */
export const mechanicTermsSchema = z.strictObject({
  /** Units the shopper takes: "buy 3 pay 2" → 3; BOGO → 2; a bundle of 4 → 4. */
  buyUnits: z.number().int().min(1).max(1000).optional(),
  /** Units the shopper pays for: "buy 3 pay 2" → 2 (BOGO → 1). */
  payUnits: z.number().min(0).max(1000).optional(),
  /** Price of the whole bundle (bundle mechanic), in the proposal's currency. */
  bundlePrice: positive().optional(),
});

export const proposalPredictionSchema = z.strictObject({
  /** Units expected without the promotion, over the promotion's weeks, all SKUs and markets. */
  baselineUnits: nonNegative(),
  /** Extra units caused by the promotion (after cannibalisation); may be negative. */
  incrementalUnits: z.number(),
  /** Predicted lift in percent of baseline. */
  liftPct: z.number(),
  /** Incremental contribution margin after discount cost, COGS, media and cannibalisation. */
  incrementalMargin: z.number(),
  /** Incremental contribution margin divided by spend (media + discount). */
  roi: z.number(),
  /** Cost of goods per unit. */
  unitCost: nonNegative(),
  /** All units expected to sell during the promotion (baseline + incremental). */
  totalUnits: nonNegative(),
  /** Optional split of `totalUnits` by SKU: exactly the scope's SKUs; stock is then checked SKU by SKU. */
  unitsBySku: unitsBySkuSchema.optional(),
});

export const priceMatchSchema = z.strictObject({
  /** The named competitor whose price is matched. */
  competitor: idSchema,
  competitorPrice: positive().optional(),
});

export const targetingSchema = z.strictObject({
  /** Shopper attributes the audience is selected on (e.g. `loyalty_tier`, `basket_value_band`). */
  audienceAttributes: z.array(idSchema).default([]),
  /** Channels for which the audience is restricted to shoppers with recorded opt-in consent. */
  consentVerifiedChannels: z.array(channelSchema).default([]),
  /** Planned contacts per shopper per week across all messaging channels. */
  contactsPerShopperPerWeek: z.number().int().nonnegative().default(0),
});

export const messagingSchema = z.strictObject({
  /** Date a countdown ("ends in 3 days") counts down to. */
  countdownEndDate: isoDateSchema.optional(),
  /** N in an "only N left" claim. */
  scarcityClaimUnits: z.number().int().positive().optional(),
  /** Other texts shoppers see (headline, body, banner); checked like the title. */
  texts: z.array(z.string().max(2000)).max(20).optional(),
});

const proposalObjectSchema = z.strictObject({
  id: idSchema,
  title: z.string().max(500).optional(),
  scope: proposalScopeSchema,
  mechanic: mechanicSchema,
  /** Multi-unit terms (bogo, multibuy, bundle). */
  terms: mechanicTermsSchema.optional(),
  /** Currency of every amount in the proposal; absent = the currency of its markets in the store. */
  currency: currencySchema.optional(),
  /** Shelf price per unit outside the promotion. */
  regularPrice: positive(),
  /** Effective promoted price per unit (for bogo/multibuy: the average price per unit). */
  promoPrice: positive().optional(),
  /** Effective discount depth per unit in percent of `regularPrice` (give this or `promoPrice`). */
  discountPct: z.number().min(0).lt(100).optional(),
  /** The announced "was" price; absent when no price reduction is announced. */
  referencePrice: positive().optional(),
  startDate: isoDateSchema,
  weeks: z.number().int().min(1).max(52),
  channels: z
    .array(channelSchema)
    .min(1)
    .refine((a) => new Set(a).size === a.length, "duplicate channel"),
  budget: proposalBudgetSchema.prefault({}),
  predicted: proposalPredictionSchema,
  priceMatch: priceMatchSchema.optional(),
  targeting: targetingSchema.optional(),
  messaging: messagingSchema.optional(),
});

/** Within half a cent (a price is written to the cent), a given promo price and discount are the same statement. */
const CONSISTENT_PRICE = 0.005;

/** The proposal schema: validates, then fills in whichever of `promoPrice` / `discountPct` was left out. */
export const promotionProposalSchema = proposalObjectSchema
  .superRefine((p, ctx) => {
    if (p.promoPrice === undefined && p.discountPct === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["promoPrice"],
        message: "give promoPrice or discountPct",
      });
    }
    if (p.promoPrice !== undefined && p.promoPrice > p.regularPrice) {
      ctx.addIssue({
        code: "custom",
        path: ["promoPrice"],
        message: "promoPrice is above regularPrice",
      });
    }
    if (p.promoPrice !== undefined && p.discountPct !== undefined) {
      const implied = p.regularPrice * (1 - p.discountPct / 100);
      if (Math.abs(implied - p.promoPrice) > CONSISTENT_PRICE) {
        ctx.addIssue({
          code: "custom",
          path: ["discountPct"],
          message: `discountPct ${p.discountPct} implies promoPrice ${implied.toFixed(2)}, not ${p.promoPrice}`,
        });
      }
    }
    const units = p.predicted.unitsBySku;
    if (units) {
      const keys = Object.keys(units);
      const extra = keys.filter((k) => !p.scope.skus.includes(k));
      const absent = p.scope.skus.filter((k) => !keys.includes(k));
      if (extra.length || absent.length) {
        const parts = [
          extra.length ? `not in scope: ${extra.join(", ")}` : "",
          absent.length ? `missing: ${absent.join(", ")}` : "",
        ];
        ctx.addIssue({
          code: "custom",
          path: ["predicted", "unitsBySku"],
          message: `must cover the scope's SKUs exactly (${parts.filter(Boolean).join("; ")})`,
        });
      }
    }
    if (
      p.terms?.payUnits !== undefined &&
      p.terms.buyUnits !== undefined &&
      p.terms.payUnits > p.terms.buyUnits
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["terms", "payUnits"],
        message: "payUnits is above buyUnits",
      });
    }
    if (p.mechanic === "price_match" && !p.priceMatch) {
      ctx.addIssue({
        code: "custom",
        path: ["priceMatch"],
        message: "a price_match needs priceMatch.competitor",
      });
    }
  })
  .transform((p) => {
    // Both given and a rounding apart: the deeper of the two is the one caps apply to.
    const fromPct = p.regularPrice * (1 - (p.discountPct ?? 0) / 100);
    const promoPrice =
      p.promoPrice === undefined
        ? fromPct
        : p.discountPct === undefined
          ? p.promoPrice
          : Math.min(p.promoPrice, fromPct);
    const discountPct = (1 - promoPrice / p.regularPrice) * 100;
    const deeper =
      p.discountPct === undefined ||
      (p.promoPrice !== undefined && discountPct > p.discountPct + 1e-9);
    return { ...p, promoPrice, discountPct: deeper ? discountPct : p.discountPct! };
  });

/** What a proposal looks like as JSON (before defaults). */
export type PromotionProposalInput = z.input<typeof promotionProposalSchema>;
/** A validated proposal with `promoPrice`, `discountPct` and defaults filled in. */
export type PromotionProposal = z.infer<typeof promotionProposalSchema>;

/** Last day of the promotion (start + 7 × weeks − 1). */
export function proposalEndDate(p: Pick<PromotionProposal, "startDate" | "weeks">): string {
  return addDays(p.startDate, p.weeks * 7 - 1);
}

/** Total spend the proposal commits: media plus funded discount. */
export function proposalSpend(p: Pick<PromotionProposal, "budget">): number {
  return p.budget.media + p.budget.discount;
}
