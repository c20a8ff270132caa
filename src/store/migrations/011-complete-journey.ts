/**
 * Household-level tables for 84.51°'s "The Complete Journey": who was targeted by which campaign,
 * the coupons, who redeemed them, demographics and the sampled receipt lines. Products go to the
 * shared `products` table. Kept apart from the signal tables: these are shopper facts, read by
 * the affinity evaluation, not by the market-level agents.
 */
export const completeJourney = `
CREATE TABLE cj_households (
  household_id TEXT PRIMARY KEY,
  age TEXT,
  income TEXT,
  home_ownership TEXT,
  marital_status TEXT,
  household_size TEXT,
  household_comp TEXT,
  kids_count TEXT
);
CREATE TABLE cj_campaigns (
  campaign_id TEXT PRIMARY KEY,
  campaign_type TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL
);
CREATE TABLE cj_campaign_targets (
  campaign_id TEXT NOT NULL,
  household_id TEXT NOT NULL
);
CREATE UNIQUE INDEX cj_campaign_targets_key ON cj_campaign_targets(campaign_id, household_id);
CREATE TABLE cj_coupons (
  coupon_upc TEXT NOT NULL,
  product_id TEXT NOT NULL,
  campaign_id TEXT NOT NULL
);
CREATE UNIQUE INDEX cj_coupons_key ON cj_coupons(coupon_upc, product_id, campaign_id);
CREATE INDEX cj_coupons_campaign ON cj_coupons(campaign_id);
CREATE TABLE cj_coupon_redemptions (
  household_id TEXT NOT NULL,
  coupon_upc TEXT NOT NULL,
  campaign_id TEXT NOT NULL,
  redemption_date TEXT NOT NULL
);
CREATE UNIQUE INDEX cj_coupon_redemptions_key ON cj_coupon_redemptions(household_id, coupon_upc, campaign_id, redemption_date);
CREATE TABLE cj_basket_lines (
  basket_id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  household_id TEXT NOT NULL,
  store_id TEXT NOT NULL,
  quantity REAL NOT NULL,
  sales_value REAL NOT NULL,
  retail_disc REAL NOT NULL,
  coupon_disc REAL NOT NULL,
  coupon_match_disc REAL NOT NULL,
  week INTEGER NOT NULL,
  purchased_at TEXT NOT NULL,
  local_date TEXT NOT NULL
);
CREATE UNIQUE INDEX cj_basket_lines_key ON cj_basket_lines(basket_id, product_id);
CREATE INDEX cj_basket_lines_household ON cj_basket_lines(household_id, local_date);
`;
