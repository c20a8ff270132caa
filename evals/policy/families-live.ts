import type { RuleFamily, Variant } from "./types.js";
import type { LiveSeed } from "./world.js";

/**
 * Families that need campaigns already running (issue #25, build items 1 and 5): a coupon or a
 * price cut stacked on a live promotion is capped at the combined depth, whatever the live
 * campaign declared and however the proposal spells the SKU or market; a proposal reusing a
 * live campaign's id is refused and does not drop that campaign from the checks.
 */

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

/** Live from Monday 2025-05-19 for four weeks in M1, so they overlap the base proposal's two. */
const running = (id: string, over: Record<string, unknown>): LiveSeed => ({
  id,
  proposal: { startDate: "2025-05-19", weeks: 4, referencePrice: undefined, ...over },
});
const TPR25 = running("live-tpr25", { discountPct: 25 });
/** A BOGO written as 20 % off: its terms make it 50 %. */
const BOGO = running("live-bogo", { scope: { skus: ["C02"] }, mechanic: "bogo", discountPct: 20 });
const COUPON15 = running("live-coupon15", {
  scope: { skus: ["C03"] },
  mechanic: "coupon",
  discountPct: 15,
});
const LIVE = [TPR25, BOGO, COUPON15];

/** Only the depth cap (30 %) may move the verdict: overlaps, mechanics and success are not under test. */
const STACK_POLICY = {
  approvalRequired: { newMechanic: false, mechanics: [], depthAbovePct: null },
  autonomy: { minMarginAfterDiscountPct: 0 },
  brand: {
    minWeeksBetweenPromotions: 0,
    maxPromotedWeeksPerSkuPerQuarter: 13,
    maxCategorySharePct: 100,
  },
  success: { minIncrementalMargin: -1e6, minRoi: -1e6, minLiftPct: -1e6 },
};

/** Margin and ROI low enough for any depth here (success minimums are off): only depth is tested. */
const MARGIN = { incrementalMargin: -300, roi: -0.2 };
const coupon = (pct: number, over: Record<string, unknown> = {}): Variant["proposal"] => ({
  mechanic: "coupon",
  discountPct: pct,
  referencePrice: undefined,
  ...over,
  predicted: { ...MARGIN, ...(over.predicted as object) },
});
const on = (sku: string) => ({ scope: { skus: [sku] } });
const withLive = (v: Variant): Variant => ({ ...v, policy: STACK_POLICY, world: { live: LIVE } });

export const liveFamilies: RuleFamily[] = [
  {
    rule: "integrity.mechanics",
    key: "integrity.mechanics.stacked",
    breach: "escalate",
    caughtBy: "autonomy.discount_depth",
    inside: (_rng, i) =>
      withLive(
        pick<Variant>(
          [
            { note: "5 % coupon on the live 25 % TPR = 28.75 %", proposal: coupon(5) },
            { note: "20 % coupon on a SKU with nothing live", proposal: coupon(20, on("C05")) },
            {
              note: "10 % coupon in M2, where the TPR is not live",
              proposal: coupon(10, {
                channels: ["store"],
                scope: { markets: ["M2"], locations: ["T1"] },
                predicted: { totalUnits: 192, liftPct: 60, incrementalUnits: 72 },
              }),
            },
            {
              note: "4 % coupon by POS alias on the live TPR = 28 %",
              proposal: coupon(4, {
                scope: { skus: ["POS-1001"] },
                predicted: { unitsBySku: { "POS-1001": 360 } },
              }),
            },
            {
              note: "10 % TPR where a 15 % coupon is live = 23.5 %",
              proposal: {
                discountPct: 10,
                referencePrice: undefined,
                ...on("C03"),
                predicted: MARGIN,
              },
            },
          ],
          i,
        ),
      ),
    outside: (_rng, i) =>
      withLive(
        pick<Variant>(
          [
            { note: "25 % coupon on the live 25 % TPR = 43.75 %", proposal: coupon(25) },
            {
              note: "10 % coupon on a live BOGO declared 20 % = 55 %",
              proposal: coupon(10, on("C02")),
            },
            {
              note: "8 % coupon by POS alias on the live TPR = 31 %",
              proposal: coupon(8, {
                scope: { skus: ["POS-1001"] },
                predicted: { unitsBySku: { "POS-1001": 360 } },
              }),
            },
            {
              note: "8 % coupon in market 'm1' (lower case) = 31 %",
              proposal: coupon(8, { scope: { markets: ["m1"] } }),
            },
            {
              note: "20 % TPR where a 15 % coupon is live = 32 %",
              proposal: {
                discountPct: 20,
                referencePrice: undefined,
                ...on("C03"),
                predicted: MARGIN,
              },
            },
          ],
          i,
        ),
      ),
  },
  {
    rule: "integrity.identifiers",
    key: "integrity.identifiers.live",
    breach: "block",
    inside: (_rng, i) =>
      withLive({
        note: "a coupon with its own id next to live campaigns",
        proposal: coupon(5, { id: `fresh-coupon-${i}` }),
      }),
    outside: (_rng, i) =>
      withLive(
        pick<Variant>(
          [
            {
              note: "a 25 % coupon reusing the live TPR's id",
              proposal: coupon(25, { id: "live-tpr25" }),
            },
            {
              note: "a coupon reusing the live BOGO's id in other case",
              proposal: coupon(10, { id: "LIVE-BOGO", ...on("C02") }),
            },
            {
              note: "a TPR reusing the live coupon's id",
              proposal: {
                id: "live-coupon15",
                discountPct: 20,
                referencePrice: undefined,
                ...on("C03"),
                predicted: MARGIN,
              },
            },
          ],
          i,
        ),
      ),
  },
];
