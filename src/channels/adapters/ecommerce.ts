import { z } from "zod";
import type { Campaign } from "../../domain/campaign.js";
import { idSchema, isoDateSchema } from "../../domain/common.js";

/** What the e-commerce price/promotion API receives: one promotional price per SKU × market. */
export const ecommerceBodySchema = z.strictObject({
  kind: z.literal("ecommerce_prices"),
  promotions: z.array(
    z.strictObject({ sku: idSchema, market: idSchema, price: z.number().positive(), regularPrice: z.number().positive(), validFrom: isoDateSchema, validTo: isoDateSchema }),
  ),
});
export type EcommerceBody = z.infer<typeof ecommerceBodySchema>;

/** The e-commerce body for a campaign. */
export function ecommerceBody(c: Campaign): EcommerceBody {
  return {
    kind: "ecommerce_prices",
    promotions: c.skus.flatMap((sku) =>
      c.markets.map((market) => ({ sku, market, price: c.promoPrice, regularPrice: c.regularPrice, validFrom: c.startDate, validTo: c.endDate })),
    ),
  };
}
