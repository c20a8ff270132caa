import { z } from "zod";
import type { Campaign } from "../../domain/campaign.js";
import { idSchema, isoDateSchema } from "../../domain/common.js";

/**
 * What the e-commerce price/promotion API receives: one promotional price per SKU × market.
 * `regularPrice` is the price restored after `validTo`; `wasPrice`, when present, is the only
 * strike-through price the shop may show (the lawful reference, see Campaign.referencePrice).
 */
export const ecommerceBodySchema = z.strictObject({
  kind: z.literal("ecommerce_prices"),
  promotions: z.array(
    z.strictObject({
      sku: idSchema,
      market: idSchema,
      price: z.number().positive(),
      regularPrice: z.number().positive(),
      wasPrice: z.number().positive().optional(),
      validFrom: isoDateSchema,
      validTo: isoDateSchema,
    }),
  ),
});
export type EcommerceBody = z.infer<typeof ecommerceBodySchema>;

/** The e-commerce body for a campaign. */
export function ecommerceBody(c: Campaign): EcommerceBody {
  return {
    kind: "ecommerce_prices",
    promotions: c.skus.flatMap((sku) =>
      c.markets.map((market) => ({
        sku,
        market,
        price: c.promoPrice,
        regularPrice: c.regularPrice,
        ...(c.referencePrice !== undefined ? { wasPrice: c.referencePrice } : {}),
        validFrom: c.startDate,
        validTo: c.endDate,
      })),
    ),
  };
}
