import type { RuleFamily, Variant } from "./types.js";
import { deepMerge } from "./world.js";

/**
 * Families for the success and autonomy rules. Spend families loosen every other spend cap in
 * their policy so only the rule under test can move.
 */

const HUGE = 1e9;
const looseSpend = {
  autonomy: {
    maxSpendPerCampaign: HUGE,
    maxSpendPerDay: HUGE,
    maxSpendPerWeek: HUGE,
    maxSpendPerMonth: HUGE,
    maxSpendPerCategoryPerMonth: { cereal: HUGE, "*": HUGE },
  },
  annualPlan: { budgets: { "*": { Q1: HUGE, Q2: HUGE, Q3: HUGE, Q4: HUGE } } },
};
const spendCap = (key: string, value: number) => ({
  autonomy:
    key === "category" ? { maxSpendPerCategoryPerMonth: { cereal: value } } : { [key]: value },
});
const commit = (amount: number, day: string) => ({
  commitments: [{ id: "load", category: "cereal", skus: ["C09"], from: day, to: day, amount }],
});

/**
 * A success minimum against the base prediction (lift 200 %, margin 300, ROI 0.2): the policy's
 * minimum moves, since the prediction itself must add up and cannot be set at will.
 */
function threshold(
  rule: RuleFamily["rule"],
  field: string,
  actual: number,
  lo: number,
  hi: number,
): RuleFamily {
  const at = (min: number) => ({ success: { [field]: min } });
  return {
    rule,
    breach: "block",
    inside: (rng, i) => ({
      note: `prediction ${i ? "above" : "at"} the minimum`,
      policy: at(i ? rng.between(lo, actual) : actual),
    }),
    outside: (rng, i) => ({
      note: `prediction below the minimum`,
      policy: at(i ? rng.between(actual + 0.01, hi) : Math.round((actual + 0.01) * 100) / 100),
    }),
  };
}

/** A spend rule: the proposal (its spend over 14 days) plus one committed day of load, against one cap. */
function periodSpend(
  rule: RuleFamily["rule"],
  key: string,
  cap: number,
  proposalSpend: number,
  share: number,
  day: string,
): RuleFamily {
  const room = cap - share;
  const policy = deepMerge(looseSpend, spendCap(key, cap));
  const v = (note: string, load: number): Variant => ({
    note,
    proposal: { budget: { media: proposalSpend, discount: 0 } },
    policy,
    world: commit(load, day),
  });
  return {
    rule,
    breach: "escalate",
    inside: (rng, i) =>
      v(`committed ${i ? "under" : "exactly at"} the room left`, i ? rng.between(0, room) : room),
    outside: (rng, i) =>
      v("committed over the room left", i ? rng.between(room + 1, room * 3 + 100) : room + 0.01),
  };
}

export const policyFamilies: RuleFamily[] = [
  threshold("success.min_lift", "minLiftPct", 200, -20, 400),
  threshold("success.min_incremental_margin", "minIncrementalMargin", 300, -2000, 5000),
  threshold("success.min_roi", "minRoi", 0.2, -1, 3),
  {
    rule: "autonomy.spend_per_campaign",
    breach: "escalate",
    inside: (rng, i) => ({
      note: "campaign spend within cap",
      proposal: { weeks: 4, budget: { media: i ? rng.between(100, 9000) : 9000, discount: 1000 } },
    }),
    outside: (rng, i) => ({
      note: "campaign spend over cap",
      proposal: {
        weeks: 4,
        budget: { media: i ? rng.between(9001, 10_900) : 9000.01, discount: 1000 },
      },
    }),
  },
  periodSpend("autonomy.spend_per_day", "maxSpendPerDay", 1000, 7000, 500, "2025-06-05"),
  periodSpend("autonomy.spend_per_week", "maxSpendPerWeek", 5000, 7000, 3500, "2025-06-04"),
  periodSpend("autonomy.spend_per_month", "maxSpendPerMonth", 15_000, 1500, 1500, "2025-06-20"),
  periodSpend("autonomy.spend_per_category", "category", 12_000, 1500, 1500, "2025-06-20"),
  {
    rule: "autonomy.discount_depth",
    breach: "escalate",
    inside: (rng, i) => ({
      note: "depth within cap",
      proposal: { discountPct: i ? rng.between(1, 30) : 30 },
      policy: { approvalRequired: { depthAbovePct: null } },
    }),
    outside: (rng, i) => ({
      note: "depth over cap",
      proposal: { discountPct: i ? rng.between(30.1, 45) : 30.01 },
      policy: { approvalRequired: { depthAbovePct: null } },
    }),
  },
  {
    rule: "autonomy.margin_after_discount",
    breach: "escalate",
    // Promo price 3.20 at the store's cost 1.00: margin 68.75 %; the policy's minimum moves around it.
    inside: (rng, i) => ({
      note: "margin at or above minimum",
      policy: { autonomy: { minMarginAfterDiscountPct: i ? rng.between(0, 68.75) : 68.75 } },
    }),
    outside: (rng, i) => ({
      note: "margin below minimum",
      policy: { autonomy: { minMarginAfterDiscountPct: i ? rng.between(68.76, 100) : 68.76 } },
    }),
  },
  {
    rule: "autonomy.max_skus",
    breach: "escalate",
    inside: (rng, i) => ({
      note: "SKU count within cap",
      proposal: {
        scope: {
          skus: ["C01", "C02", "C03", "C04", "C05"].slice(
            0,
            i ? 1 + Math.floor(rng.next() * 5) : 5,
          ),
        },
      },
      policy: { brand: { maxCategorySharePct: 100 } },
    }),
    outside: (rng, i) => ({
      note: "SKU count over cap",
      proposal: {
        scope: {
          skus: ["C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08"].slice(
            0,
            i ? 6 + Math.floor(rng.next() * 3) : 6,
          ),
        },
      },
      policy: { brand: { maxCategorySharePct: 100 } },
    }),
  },
  {
    rule: "autonomy.max_markets",
    breach: "escalate",
    inside: (_rng, i) => ({
      note: "market count within cap",
      proposal: {
        channels: ["store"],
        scope: { markets: i % 2 ? ["M1"] : ["M1", "M2"], locations: undefined },
      },
      policy: {
        approvalRequired: { multiMarket: false, national: false },
        channels: { priceTolerancePct: 100 },
      },
    }),
    outside: (_rng, i) => ({
      note: "market count over cap",
      proposal: {
        channels: ["store"],
        scope: {
          markets: i % 2 ? ["M1", "M2", "M3", "M4"] : ["M1", "M2", "M3"],
          locations: undefined,
        },
      },
      policy: {
        approvalRequired: { multiMarket: false, national: false, newMarket: false },
        channels: { priceTolerancePct: 100 },
      },
    }),
  },
];
