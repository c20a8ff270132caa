import { z } from "zod";
import type { Campaign } from "../../domain/campaign.js";
import { idSchema, isoDateSchema } from "../../domain/common.js";

/** What store systems receive: price lines for the point of sale, per location or market-wide. */
export const storePosBodySchema = z.strictObject({
  kind: z.literal("pos_prices"),
  rows: z.array(
    z.strictObject({
      market: idSchema,
      /** null: every store of the market. */
      location: idSchema.nullable(),
      sku: idSchema,
      price: z.number().positive(),
      regularPrice: z.number().positive(),
      start: isoDateSchema,
      end: isoDateSchema,
    }),
  ),
});
export type StorePosBody = z.infer<typeof storePosBodySchema>;

/** The POS body for a campaign: one row per SKU × location (or × market when none are named). */
export function storePosBody(c: Campaign): StorePosBody {
  const places = c.locations
    ? c.locations.map((l) => ({ location: l as string | null }))
    : [{ location: null }];
  return {
    kind: "pos_prices",
    rows: c.markets.flatMap((market) =>
      places.flatMap(({ location }) =>
        c.skus.map((sku) => ({
          market,
          location,
          sku,
          price: c.promoPrice,
          regularPrice: c.regularPrice,
          start: c.startDate,
          end: c.endDate,
        })),
      ),
    ),
  };
}

const CSV_HEADER = "action,market,location,sku,price,effective_from,effective_to";

function cell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/**
 * The POS price file. A retraction is a file of its own that puts the regular price back from the
 * promotion's start, because store systems apply files in order and cannot "delete" a price.
 */
export function posCsv(body: StorePosBody, op: "launch" | "retract"): string {
  const lines = body.rows.map((r) =>
    [
      op === "launch" ? "SET_PROMO" : "REVERT",
      r.market,
      r.location ?? "*",
      r.sku,
      (op === "launch" ? r.price : r.regularPrice).toFixed(2),
      r.start,
      r.end,
    ]
      .map(cell)
      .join(","),
  );
  return [CSV_HEADER, ...lines].join("\n") + "\n";
}
