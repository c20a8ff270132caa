import type { Estimate } from "../targeting/bootstrap.js";
import { HEURISTICS, type AffinityReport, type Heuristic } from "./report.js";

/** A coupon set this large is most of the store: spend share in it says little about a household. */
const BROAD_COUPON_PRODUCTS = 10_000;

const HEURISTIC_NAMES: Record<Heuristic, string> = {
  pastRedemptions: "past redemptions",
  recencyFrequency: "recency-frequency",
  couponAffinity: "coupon affinity",
};

/** Where the sample is too thin to read, said plainly. */
export function thinSampleWarnings(r: AffinityReport): string[] {
  const w: string[] = [];
  const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
  w.push(
    `Receipt history is a random sample of line items: held-back targeted households have a median of ${r.heldOut.medianPriorLines} receipt lines before their campaign's start, and ${pct(r.heldOut.noHistoryShare)} have none; the sample holds about one line in twenty of the year, so these histories are a small, random part of what each household bought.`,
  );
  w.push(
    `Held back: ${r.heldOut.campaigns.length} campaigns, ${r.heldOut.pairs} targeted households, ${r.heldOut.redeemers} redeemers; trained on ${r.train.campaigns.length} campaigns with ${r.train.redeemers} redeemers.`,
  );
  const thin = r.perCampaign.filter((c) => c.thin);
  if (thin.length) {
    w.push(
      `Too thin to read on their own (fewer than ${r.settings.thinRedeemers} redeemers): ${thin.map((c) => `campaign ${c.campaignId} (${c.redeemers} of ${c.targeted})`).join(", ")}; they count only in the pooled figures.`,
    );
  }
  const truncated = r.perCampaign.filter((c) => c.truncated);
  if (truncated.length) {
    w.push(
      `Run past the data's end (${r.data.dataEnd}), so later redemptions are missing and every ranker's precision is understated: ${truncated.map((c) => `campaign ${c.campaignId} (to ${c.endDate})`).join(", ")}.`,
    );
  }
  const broad = r.perCampaign.filter((c) => c.couponProducts >= BROAD_COUPON_PRODUCTS);
  if (broad.length) {
    w.push(
      `Coupons cover most of the assortment in ${broad.map((c) => `campaign ${c.campaignId} (${c.couponProducts.toLocaleString("en-US")} products, ${c.couponCommodities} commodities)`).join(", ")}: a share of spend in the coupons' products or commodities cannot tell those households apart.`,
    );
  }
  const typeA = r.perCampaign.filter((c) => c.targeted >= 500);
  if (typeA.length) {
    const share = typeA.reduce((s, c) => s + c.redeemers, 0) / Math.max(r.heldOut.redeemers, 1);
    w.push(
      `${typeA.length} large campaign${typeA.length === 1 ? "" : "s"} (${typeA.map((c) => `${c.campaignId}: ${c.targeted} targeted`).join(", ")}) hold ${pct(share)} of the held-back redeemers and weigh most in the pooled figures at large k.`,
    );
  }
  const big = r.perCampaign.reduce((s, c) => s + c.redeemers, 0);
  for (const p of r.pooled) {
    if (p.campaigns < 3)
      w.push(
        `k = ${p.k} fits only ${p.campaigns} held-back campaign${p.campaigns === 1 ? "" : "s"} (${p.slots} slots): read it as those campaigns' result, not a general one.`,
      );
    const diffs: Record<Heuristic, Estimate> = {
      pastRedemptions: p.modelMinusPastRedemptions,
      recencyFrequency: p.modelMinusRecencyFrequency,
      couponAffinity: p.modelMinusCouponAffinity,
    };
    const top = HEURISTICS.reduce((a, b) => (p.precision[b].value > p.precision[a].value ? b : a));
    const best = p.precision[top].value;
    const vsBest = diffs[top];
    if (vsBest.lo <= 0 && vsBest.hi >= 0) {
      w.push(
        `k = ${p.k}: the model (${p.precision.model.value.toFixed(3)}) and the best heuristic, ${HEURISTIC_NAMES[top]} (${best.toFixed(3)}), differ by ${vsBest.value >= 0 ? "+" : ""}${vsBest.value.toFixed(3)} [${vsBest.lo.toFixed(3)}, ${vsBest.hi.toFixed(3)}]: inside the interval, not a win or a loss.`,
      );
    }
    if (p.modelMinusRandom.lo <= 0)
      w.push(
        `k = ${p.k}: the model's edge over random (${p.modelMinusRandom.value.toFixed(3)}) has an interval reaching 0 [${p.modelMinusRandom.lo.toFixed(3)}, ${p.modelMinusRandom.hi.toFixed(3)}].`,
      );
  }
  if (big === 0)
    w.push(
      "No held-back campaign has any redeemer: precision is 0 for every ranker and says nothing.",
    );
  return w;
}
