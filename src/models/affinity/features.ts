import type { AffinityData, Campaign } from "./data.js";

/**
 * What a household looked like the day before a campaign started. Only receipt lines dated before
 * the start, redemptions dated before it and campaigns that had started before it are used, so
 * no feature can see the campaign's own outcome. Demographics are deliberately not features:
 * they are protected attributes for targeting.
 */
export const AFFINITY_FEATURES = [
  "log_spend",
  "log_baskets",
  "recency",
  "log_recent_spend",
  "coupon_product_share",
  "coupon_commodity_share",
  "coupon_department_share",
  "log_coupon_lines",
  "log_past_redemptions",
  "log_past_campaigns",
] as const;
export type AffinityFeature = (typeof AFFINITY_FEATURES)[number];

/** One targeted household in one campaign: features, label and the two heuristic scores. */
export interface Example {
  campaignId: string;
  householdId: string;
  x: Float64Array;
  redeemed: 0 | 1;
  /** Receipt lines the household had before the start (the sample is thin: often a handful). */
  priorLines: number;
  /** Baseline: pre-start baskets, ties broken by the most recent purchase. */
  recencyFrequency: number;
  /** Baseline: coupons redeemed before the start, then pre-start baskets. */
  pastRedemptions: number;
  /** Baseline, affinity alone: share of pre-start spend in the coupons' commodities, ties by the coupon products' share. */
  couponAffinity: number;
}

const DAY_MS = 86_400_000;
const RECENCY_CAP_DAYS = 365;
const RECENT_WINDOW_DAYS = 56;
const days = (from: string, to: string): number =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;

/** Features of every targeted household of `campaign`, as of its start date. */
export function campaignExamples(data: AffinityData, campaign: Campaign): Example[] {
  const start = campaign.startDate;
  const coupons = data.couponProducts.get(campaign.campaignId);
  const redeemers = new Set(
    data.redemptions.filter((r) => r.campaignId === campaign.campaignId).map((r) => r.householdId),
  );
  const earlierRedemptions = new Map<string, number>();
  for (const r of data.redemptions)
    if (r.date < start)
      earlierRedemptions.set(r.householdId, (earlierRedemptions.get(r.householdId) ?? 0) + 1);
  const earlierCampaigns = new Map<string, number>();
  for (const c of data.campaigns) {
    if (c.startDate >= start || c.campaignId === campaign.campaignId) continue;
    for (const h of data.targets.get(c.campaignId) ?? [])
      earlierCampaigns.set(h, (earlierCampaigns.get(h) ?? 0) + 1);
  }

  return (data.targets.get(campaign.campaignId) ?? []).map((h) => {
    let spend = 0,
      recent = 0,
      product = 0,
      commodity = 0,
      department = 0,
      couponLines = 0,
      prior = 0;
    let last: string | undefined;
    const baskets = new Set<string>();
    for (const l of data.lines.get(h) ?? []) {
      if (l.date >= start) break; // lines are in date order
      prior++;
      const v = Math.max(l.sales, 0);
      spend += v;
      if (days(l.date, start) <= RECENT_WINDOW_DAYS) recent += v;
      if (coupons?.products.has(l.productId)) product += v;
      if (l.commodity && coupons?.commodities.has(l.commodity)) commodity += v;
      if (l.department && coupons?.departments.has(l.department)) department += v;
      if (l.couponDisc > 0) couponLines++;
      baskets.add(l.basketId);
      last = l.date;
    }
    const recencyDays = last ? Math.min(days(last, start), RECENCY_CAP_DAYS) : RECENCY_CAP_DAYS;
    const share = (part: number) => (spend > 0 ? part / spend : 0);
    const past = earlierRedemptions.get(h) ?? 0;
    const x = Float64Array.from([
      Math.log1p(spend),
      Math.log1p(baskets.size),
      recencyDays / RECENCY_CAP_DAYS,
      Math.log1p(recent),
      share(product),
      share(commodity),
      share(department),
      Math.log1p(couponLines),
      Math.log1p(past),
      Math.log1p(earlierCampaigns.get(h) ?? 0),
    ]);
    return {
      campaignId: campaign.campaignId,
      householdId: h,
      x,
      redeemed: redeemers.has(h) ? 1 : 0,
      priorLines: prior,
      // Frequency first; recency only separates equal frequencies (it is below 1).
      recencyFrequency: baskets.size + (1 - recencyDays / RECENCY_CAP_DAYS) * 0.999,
      pastRedemptions: past + baskets.size / (baskets.size + 1),
      couponAffinity: share(commodity) + 1e-3 * share(product),
    };
  });
}
