/** Household-level tables of 84.51°'s "The Complete Journey" (SQLite 011). */
export const completeJourney = `
CREATE TABLE cj_households (
  household_id text PRIMARY KEY,
  age text,
  income text,
  home_ownership text,
  marital_status text,
  household_size text,
  household_comp text,
  kids_count text
);
CREATE TABLE cj_campaigns (
  campaign_id text PRIMARY KEY,
  campaign_type text NOT NULL,
  start_date text NOT NULL,
  end_date text NOT NULL
);
CREATE TABLE cj_campaign_targets (
  campaign_id text NOT NULL,
  household_id text NOT NULL
);
CREATE UNIQUE INDEX cj_campaign_targets_key ON cj_campaign_targets(campaign_id, household_id);
CREATE TABLE cj_coupons (
  coupon_upc text NOT NULL,
  product_id text NOT NULL,
  campaign_id text NOT NULL
);
CREATE UNIQUE INDEX cj_coupons_key ON cj_coupons(coupon_upc, product_id, campaign_id);
CREATE INDEX cj_coupons_campaign ON cj_coupons(campaign_id);
CREATE TABLE cj_coupon_redemptions (
  household_id text NOT NULL,
  coupon_upc text NOT NULL,
  campaign_id text NOT NULL,
  redemption_date text NOT NULL
);
CREATE UNIQUE INDEX cj_coupon_redemptions_key
  ON cj_coupon_redemptions(household_id, coupon_upc, campaign_id, redemption_date);
CREATE TABLE cj_basket_lines (
  basket_id text NOT NULL,
  product_id text NOT NULL,
  household_id text NOT NULL,
  store_id text NOT NULL,
  quantity double precision NOT NULL,
  sales_value double precision NOT NULL,
  retail_disc double precision NOT NULL,
  coupon_disc double precision NOT NULL,
  coupon_match_disc double precision NOT NULL,
  week bigint NOT NULL,
  purchased_at text NOT NULL,
  local_date text NOT NULL
);
CREATE UNIQUE INDEX cj_basket_lines_key ON cj_basket_lines(basket_id, product_id);
CREATE INDEX cj_basket_lines_household ON cj_basket_lines(household_id, local_date);
`;
