import { z } from "zod";
import { idSchema, isoDateSchema, num, optStr, reqStr } from "../../../domain/common.js";

/** Row contracts of the Complete Journey files, keyed as the CSV headers read (household_id → householdId). */

/** demographics.csv: bands stay as published text ("65+", "35-49K", "5+"). */
export const cjHouseholdSchema = z.object({
  householdId: idSchema,
  age: optStr(),
  income: optStr(),
  homeOwnership: optStr(),
  maritalStatus: optStr(),
  householdSize: optStr(),
  householdComp: optStr(),
  kidsCount: optStr(),
});
export type CjHousehold = z.infer<typeof cjHouseholdSchema>;

/** campaign_descriptions.csv: coupons of a campaign are valid from start to end, inclusive. */
export const cjCampaignSchema = z
  .object({
    campaignId: idSchema,
    campaignType: reqStr(),
    startDate: isoDateSchema,
    endDate: isoDateSchema,
  })
  .refine((c) => c.startDate <= c.endDate, {
    message: "end_date is before start_date",
    path: ["endDate"],
  });
export type CjCampaign = z.infer<typeof cjCampaignSchema>;

/** campaigns.csv: one household targeted by one campaign. */
export const cjCampaignTargetSchema = z.object({ campaignId: idSchema, householdId: idSchema });
export type CjCampaignTarget = z.infer<typeof cjCampaignTargetSchema>;

/** coupons.csv: a coupon applies to a product within a campaign. */
export const cjCouponSchema = z.object({
  couponUpc: idSchema,
  productId: idSchema,
  campaignId: idSchema,
});
export type CjCoupon = z.infer<typeof cjCouponSchema>;

/** coupon_redemptions.csv. */
export const cjCouponRedemptionSchema = z.object({
  householdId: idSchema,
  couponUpc: idSchema,
  campaignId: idSchema,
  redemptionDate: isoDateSchema,
});
export type CjCouponRedemption = z.infer<typeof cjCouponRedemptionSchema>;

const money = () => num().pipe(z.number().nonnegative("must not be negative"));

/** transactions_sample.csv: one receipt line; discounts are positive dollars, as the package publishes them. */
export const cjBasketLineSchema = z.object({
  householdId: idSchema,
  storeId: idSchema,
  basketId: idSchema,
  productId: idSchema,
  quantity: num().pipe(z.number().nonnegative("must not be negative")),
  salesValue: num(),
  retailDisc: money(),
  couponDisc: money(),
  couponMatchDisc: money(),
  week: num().pipe(z.number().int("expected a whole week number").min(1).max(53)),
  transactionTimestamp: reqStr(),
});
export type CjBasketLine = z.infer<typeof cjBasketLineSchema>;

/** products.csv, before it is mapped onto the shared product kind. */
export const cjProductSchema = z.object({
  productId: idSchema,
  manufacturerId: optStr(),
  /** Becomes the catalog category, so it is required. */
  department: reqStr(),
  brand: optStr(),
  productCategory: optStr(),
  productType: optStr(),
  packageSize: optStr(),
});
