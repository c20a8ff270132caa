/** Household-level tables of 84.51°'s "The Complete Journey" (SQLite 011). */
export const completeJourney = `
CREATE TABLE cj_households (
  household_id text COLLATE "C" PRIMARY KEY,
  age text COLLATE "C",
  income text COLLATE "C",
  home_ownership text COLLATE "C",
  marital_status text COLLATE "C",
  household_size text COLLATE "C",
  household_comp text COLLATE "C",
  kids_count text COLLATE "C"
);
CREATE TABLE cj_campaigns (
  campaign_id text COLLATE "C" PRIMARY KEY,
  campaign_type text COLLATE "C" NOT NULL,
  start_date text COLLATE "C" NOT NULL,
  end_date text COLLATE "C" NOT NULL
);
CREATE TABLE cj_campaign_targets (
  campaign_id text COLLATE "C" NOT NULL,
  household_id text COLLATE "C" NOT NULL
);
CREATE UNIQUE INDEX cj_campaign_targets_key ON cj_campaign_targets(campaign_id, household_id);
CREATE TABLE cj_coupons (
  coupon_upc text COLLATE "C" NOT NULL,
  product_id text COLLATE "C" NOT NULL,
  campaign_id text COLLATE "C" NOT NULL
);
CREATE UNIQUE INDEX cj_coupons_key ON cj_coupons(coupon_upc, product_id, campaign_id);
CREATE INDEX cj_coupons_campaign ON cj_coupons(campaign_id);
CREATE TABLE cj_coupon_redemptions (
  household_id text COLLATE "C" NOT NULL,
  coupon_upc text COLLATE "C" NOT NULL,
  campaign_id text COLLATE "C" NOT NULL,
  redemption_date text COLLATE "C" NOT NULL
);
CREATE UNIQUE INDEX cj_coupon_redemptions_key
  ON cj_coupon_redemptions(household_id, coupon_upc, campaign_id, redemption_date);
CREATE TABLE cj_basket_lines (
  basket_id text COLLATE "C" NOT NULL,
  product_id text COLLATE "C" NOT NULL,
  household_id text COLLATE "C" NOT NULL,
  store_id text COLLATE "C" NOT NULL,
  quantity double precision NOT NULL,
  sales_value double precision NOT NULL,
  retail_disc double precision NOT NULL,
  coupon_disc double precision NOT NULL,
  coupon_match_disc double precision NOT NULL,
  week bigint NOT NULL,
  purchased_at text COLLATE "C" NOT NULL,
  local_date text COLLATE "C" NOT NULL
);
CREATE UNIQUE INDEX cj_basket_lines_key ON cj_basket_lines(basket_id, product_id);
CREATE INDEX cj_basket_lines_household ON cj_basket_lines(household_id, local_date);
`;
