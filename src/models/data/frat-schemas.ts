import { z } from "zod";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

/** One transactions.csv row after cleaning (prices imputed, flags as 0/1). */
export const fratTransactionSchema = z
  .object({
    weekEndDate: isoDate.describe("week-ending date (Wednesday)"),
    store: z.number().int().describe("STORE_NUM"),
    upc: z.number().int().describe("UPC"),
    units: z.number().nonnegative().describe("units sold"),
    spend: z.number().describe("dollar sales"),
    price: z.number().positive().describe("shelf price charged (imputed when empty)"),
    basePrice: z.number().positive().describe("regular price (imputed when empty)"),
    feature: z.union([z.literal(0), z.literal(1)]).describe("in the weekly ad"),
    display: z.union([z.literal(0), z.literal(1)]).describe("on in-store display"),
    tprOnly: z.union([z.literal(0), z.literal(1)]).describe("temporary price reduction only"),
  })
  .describe("weekly store × product sales and promotion plan");
export type FratTransaction = z.infer<typeof fratTransactionSchema>;

/** One products.csv row. */
export const fratProductSchema = z.object({
  upc: z.number().int(),
  description: z.string(),
  manufacturer: z.string(),
  category: z.string(),
  subCategory: z.string(),
  productSize: z.string(),
});
export type FratProduct = z.infer<typeof fratProductSchema>;

/** One stores.csv row (deduplicated on STORE_ID). */
export const fratStoreSchema = z.object({
  storeId: z.number().int(),
  storeName: z.string(),
  city: z.string(),
  state: z.string(),
  segment: z.string(),
});
export type FratStore = z.infer<typeof fratStoreSchema>;

/** What the loader reports about the repairs it made. */
export const fratLoadReportSchema = z.object({
  rows: z.number().int(),
  imputedPrice: z.number().int().describe("empty PRICE cells filled"),
  imputedBasePrice: z.number().int().describe("empty BASE_PRICE cells filled"),
  duplicateStoresDropped: z.number().int(),
});
export type FratLoadReport = z.infer<typeof fratLoadReportSchema>;

/** A loaded Breakfast-at-the-Frat style dataset. */
export interface FratDataset {
  transactions: FratTransaction[];
  products: FratProduct[];
  stores: FratStore[];
  report: FratLoadReport;
}
