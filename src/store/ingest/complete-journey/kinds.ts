import type { Harmoniser } from "../../harmonise/harmoniser.js";
import type { NormalisedTime } from "../../harmonise/time.js";
import { ZoneHours } from "../../harmonise/zone-hours.js";
import type { KindSpec } from "../../kinds/spec.js";
import {
  cjBasketLineSchema,
  cjCampaignSchema,
  cjCampaignTargetSchema,
  cjCouponRedemptionSchema,
  cjCouponSchema,
  cjHouseholdSchema,
  type CjBasketLine,
  type CjCampaign,
  type CjCampaignTarget,
  type CjCoupon,
  type CjCouponRedemption,
  type CjHousehold,
} from "./schemas.js";

/** A vendor-specific kind: the generic KindSpec, named outside the feed kinds the CLI and API list. */
export type VendorKindSpec<Row> = Omit<KindSpec<Row>, "kind"> & { kind: string };

/** The retailer's clock: the package publishes local America/New_York times. */
export const CJ_TIME_ZONE = "America/New_York";

/**
 * The receipts' zone-less local stamps to UTC: normaliseTime's answer, resolved once a local hour
 * by `hours` (the ingest's, from its Harmoniser); anything else goes through normaliseTime.
 */
export function receiptTime(
  value: string,
  field: string,
  hours: ZoneHours = new ZoneHours(CJ_TIME_ZONE),
): NormalisedTime {
  return hours.normalise(value, field);
}

/** Product codes resolve through the catalog (and its aliases under the source), as sales SKUs do. */
const sku = (h: Harmoniser, source: string, code: string) =>
  h.resolveSku(source, code, "product_id").sku;

export const cjHouseholdKind: VendorKindSpec<CjHousehold> = {
  kind: "cj_household",
  rowSchema: cjHouseholdSchema,
  table: {
    table: "cj_households",
    key: ["household_id"],
    columns: [
      "household_id",
      "age",
      "income",
      "home_ownership",
      "marital_status",
      "household_size",
      "household_comp",
      "kids_count",
    ],
    fact: false,
  },
  harmonise: (r) => ({
    household_id: r.householdId,
    age: r.age ?? null,
    income: r.income ?? null,
    home_ownership: r.homeOwnership ?? null,
    marital_status: r.maritalStatus ?? null,
    household_size: r.householdSize ?? null,
    household_comp: r.householdComp ?? null,
    kids_count: r.kidsCount ?? null,
  }),
};

export const cjCampaignKind: VendorKindSpec<CjCampaign> = {
  kind: "cj_campaign",
  rowSchema: cjCampaignSchema,
  table: {
    table: "cj_campaigns",
    key: ["campaign_id"],
    columns: ["campaign_id", "campaign_type", "start_date", "end_date"],
    fact: false,
  },
  harmonise: (r) => ({
    campaign_id: r.campaignId,
    campaign_type: r.campaignType,
    start_date: r.startDate,
    end_date: r.endDate,
  }),
};

export const cjCampaignTargetKind: VendorKindSpec<CjCampaignTarget> = {
  kind: "cj_campaign_target",
  rowSchema: cjCampaignTargetSchema,
  table: {
    table: "cj_campaign_targets",
    key: ["campaign_id", "household_id"],
    columns: ["campaign_id", "household_id"],
    fact: false,
  },
  harmonise: (r) => ({ campaign_id: r.campaignId, household_id: r.householdId }),
};

export const cjCouponKind: VendorKindSpec<CjCoupon> = {
  kind: "cj_coupon",
  rowSchema: cjCouponSchema,
  table: {
    table: "cj_coupons",
    key: ["coupon_upc", "product_id", "campaign_id"],
    columns: ["coupon_upc", "product_id", "campaign_id"],
    fact: false,
  },
  harmonise: (r, h, source) => ({
    coupon_upc: r.couponUpc,
    product_id: sku(h, source, r.productId),
    campaign_id: r.campaignId,
  }),
};

export const cjCouponRedemptionKind: VendorKindSpec<CjCouponRedemption> = {
  kind: "cj_coupon_redemption",
  rowSchema: cjCouponRedemptionSchema,
  table: {
    table: "cj_coupon_redemptions",
    key: ["household_id", "coupon_upc", "campaign_id", "redemption_date"],
    columns: ["household_id", "coupon_upc", "campaign_id", "redemption_date"],
    fact: false,
  },
  harmonise: (r) => ({
    household_id: r.householdId,
    coupon_upc: r.couponUpc,
    campaign_id: r.campaignId,
    redemption_date: r.redemptionDate,
  }),
};

export const cjBasketLineKind: VendorKindSpec<CjBasketLine> = {
  kind: "cj_basket_line",
  rowSchema: cjBasketLineSchema,
  table: {
    table: "cj_basket_lines",
    key: ["basket_id", "product_id"],
    columns: [
      "basket_id",
      "product_id",
      "household_id",
      "store_id",
      "quantity",
      "sales_value",
      "retail_disc",
      "coupon_disc",
      "coupon_match_disc",
      "week",
      "purchased_at",
      "local_date",
    ],
    fact: false,
  },
  harmonise: (r, h, source) => {
    const t = receiptTime(
      r.transactionTimestamp,
      "transaction_timestamp",
      h.zoneHours(CJ_TIME_ZONE),
    );
    return {
      basket_id: r.basketId,
      product_id: sku(h, source, r.productId),
      household_id: r.householdId,
      store_id: r.storeId,
      quantity: r.quantity,
      sales_value: r.salesValue,
      retail_disc: r.retailDisc,
      coupon_disc: r.couponDisc,
      coupon_match_disc: r.couponMatchDisc,
      week: r.week,
      purchased_at: t.utc,
      local_date: t.localDate,
    };
  },
};

/** Every Complete Journey kind by name, for the kind registry. */
export const COMPLETE_JOURNEY_KINDS: Readonly<Record<string, VendorKindSpec<never>>> =
  Object.fromEntries(
    [
      cjHouseholdKind,
      cjCampaignKind,
      cjCampaignTargetKind,
      cjCouponKind,
      cjCouponRedemptionKind,
      cjBasketLineKind,
    ].map((k) => [k.kind, k as unknown as VendorKindSpec<never>]),
  );
